import type { LlamaModel, LlamaText, Token } from 'node-llama-cpp'

export interface StopSet {
  /** Text triggers; `isCustom` marks the caller's stop strings, the others are the template's end of turn. */
  texts: { text: string; isCustom: boolean }[]
  /** Template triggers that contain special tokens, matched on the generated tokens. */
  tokenRuns: Token[][]
  /** The longest text trigger, to search only the end of the text for a new match. */
  longestText: number
}

/** The template's end-of-turn triggers and the caller's stop strings, split into text and token triggers. */
export function resolveStops(model: LlamaModel, triggers: readonly LlamaText[], custom: readonly string[]): StopSet {
  const texts = custom.filter((s) => s.length > 0).map((s) => ({ text: s, isCustom: true }))
  const tokenRuns: Token[][] = []
  for (const trigger of triggers) {
    if (trigger.values.every((v) => typeof v === 'string')) texts.push({ text: trigger.toString(), isCustom: false })
    else {
      const run = trigger.tokenize(model.tokenizer, 'trimLeadingSpace')
      if (run.length > 0) tokenRuns.push(run)
    }
  }
  const nonEmpty = texts.filter((t) => t.text.length > 0)
  return { texts: nonEmpty, tokenRuns, longestText: Math.max(0, ...nonEmpty.map((t) => t.text.length)) }
}

export function findStop(text: string, stops: StopSet, from: number): { index: number; isCustom: boolean } | null {
  let best: { index: number; isCustom: boolean } | null = null
  for (const stop of stops.texts) {
    const index = text.indexOf(stop.text, from)
    if (index >= 0 && (best === null || index < best.index)) best = { index, isCustom: stop.isCustom }
  }
  return best
}

/** Characters at the end that may start one of `strings` (stops, segment markers), or an unfinished character. */
export function heldBack(text: string, strings: readonly string[]): number {
  let held = text.length - text.replace(/\uFFFD+$/, '').length
  for (const string of strings) {
    for (let k = Math.min(string.length - 1, text.length); k > held; k--) {
      if (text.endsWith(string.slice(0, k))) {
        held = k
        break
      }
    }
  }
  return held
}

export function endsWith(tokens: readonly Token[], run: readonly Token[]): boolean {
  if (run.length > tokens.length) return false
  return run.every((token, i) => tokens[tokens.length - run.length + i] === token)
}
