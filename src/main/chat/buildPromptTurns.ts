import type { Token } from 'node-llama-cpp'
import type { Message } from '../../shared/domain'
import type { PromptTurn } from '../llm/types'
import type { DepthInjection } from '../hooks/lorePlacement'

export interface PromptInput {
  systemPrompt: string
  /** The chat so far, oldest first, ending with the newest user message (or the reply being continued). */
  messages: readonly Message[]
  countTokens: (text: string) => number
  /** Tokens the prompt may use: context size minus the reply's reserve. */
  maxPromptTokens: number
  /** The first message kept last time; kept again while it still fits, so the evaluated prefix stays the same. */
  previousStartId?: string | null
  /** The tokens a reply was generated as, when still known (see ReplyTokens). */
  tokensOf?: (message: Message) => readonly Token[] | undefined
  /** Text placed inside the history, counted from its end (lore @depth); see injectAtDepth. */
  injections?: readonly DepthInjection[]
}

export interface PromptTurns {
  turns: PromptTurn[]
  /** Oldest messages that did not fit (candidates for a session summary). */
  droppedMessageIds: string[]
  /** The first history message in the prompt, to pass back as `previousStartId` next turn. */
  startId: string | null
  /** The prompt's size as the budget counts it. */
  estimatedTokens: number
}

/** Memory lines the prompt shows so far, each with the number of the user turn that last showed it. */
export interface ShownLines {
  userTurns: number
  lastShown: Map<string, number>
}

export const noLinesShown = (): ShownLines => ({ userTurns: 0, lastShown: new Map() })

/**
 * A memory line shown this many user turns ago or fewer is not repeated. Older ones come back, so what the newest
 * message recalls stays near it (small models attend poorly to the far end of the prompt). Measured on the memory
 * bench over 30 turns: never repeating grows the prompt 2451 tokens, 16 turns 2648, 8 turns 2875, 4 turns 3191.
 */
const REPEAT_AFTER_USER_TURNS = 8

/**
 * What the model sees for one stored message. A user message keeps the context retrieved for it (memories, lore,
 * tone) on later turns too, so the prompt only ever grows at its end and each turn evaluates just the new message
 * and its context; dropping the context from older turns would change the prompt inside the previous turn and
 * re-read that turn and the whole reply after it, every turn. `shown` tracks the memory lines the turns before it
 * show, which are not repeated (see dedupeContext); it is updated with this message's lines.
 */
export function renderMessage(
  message: Message,
  shown: ShownLines = noLinesShown(),
  tokens?: readonly Token[]
): PromptTurn {
  const context = message.role === 'user' ? dedupeContext(message.injectedContext, shown) : ''
  const text = context ? `${message.content}\n\n${context}` : message.content
  return tokens ? { role: message.role, text, tokens } : { role: message.role, text }
}

/**
 * One user turn's injected context without the list items ("- ..." lines, as memories are listed) that a recent
 * earlier turn of the prompt already shows, and without a heading left with none of its items; other lines (tone,
 * lore text) stay. Without this the same memories come back every turn and fill the context window many times faster.
 */
export function dedupeContext(context: string, shown: ShownLines): string {
  const turn = shown.userTurns++
  if (!context) return ''
  const lines = context.split('\n')
  const isItem = (line: string | undefined): boolean => line?.startsWith('- ') === true
  const isRecent = (line: string): boolean => turn - (shown.lastShown.get(line) ?? -Infinity) <= REPEAT_AFTER_USER_TURNS
  const kept = lines.map((line) => !isItem(line) || !isRecent(line))
  lines.forEach((line, i) => isItem(line) && kept[i] && shown.lastShown.set(line, turn))
  for (let i = 0; i < lines.length; i++) {
    if (isItem(lines[i]) || !isItem(lines[i + 1])) continue
    let j = i + 1
    while (isItem(lines[j]) && !kept[j]) j++
    if (!isItem(lines[j])) kept[i] = false
  }
  return lines.filter((_, i) => kept[i]).join('\n')
}

/** When history must be cut, cut down to this share of the budget, so the next cuts are many turns away. */
const REFILL_SHARE = 0.7

/**
 * System prompt first, then history. Overflowing history is cut with hysteresis: the previous first message is
 * kept while everything from it still fits; when it no longer does, the oldest messages go until the history uses
 * 70% of the budget. The evaluated prefix (and node-llama-cpp's KV cache) then survives many turns between cuts.
 */
export function buildPromptTurns(input: PromptInput): PromptTurns {
  const system: PromptTurn = { role: 'system', text: input.systemPrompt }
  const cost = (turn: PromptTurn): number => (turn.tokens?.length ?? input.countTokens(turn.text)) + 4
  const injections = input.injections ?? []
  // Injected text sits near the end whatever the window, so it costs like the system prompt: always.
  const systemCost = [system, ...injections.map((i) => ({ role: i.role, text: i.text }))].reduce(
    (sum, turn) => sum + cost(turn),
    0
  )
  // Rendered from the chat's first message, cut or not: which memory lines a turn repeats then does not depend on
  // where the window starts, so a cut leaves every kept turn's text (and tokens) as it was, and the KV cache can
  // keep them (see dropCutTokens). A line shown just before the window is not repeated for a few turns.
  const shown = noLinesShown()
  const all = input.messages.map((m) =>
    renderMessage(m, shown, m.role === 'assistant' ? input.tokensOf?.(m) : undefined)
  )
  const estimate = (turns: readonly PromptTurn[]): number => systemCost + turns.reduce((sum, t) => sum + cost(t), 0)
  const fits = (turns: readonly PromptTurn[], budget: number): boolean => estimate(turns) <= budget

  const last = input.messages.length - 1
  const previous = input.previousStartId ? input.messages.findIndex((m) => m.id === input.previousStartId) : 0
  let start = Math.max(0, previous)
  let used = estimate(all.slice(start))
  if (used > input.maxPromptTokens) {
    const target = input.maxPromptTokens * REFILL_SHARE
    while (start < last && used > target) used -= cost(all[start++]!)
    // The window opens with a reply, as the chat opens with the greeting. Templates that fold the system prompt into
    // the first user turn (Gemma's, Mistral's as keepSystemPromptFirst lays it out) would otherwise change that
    // turn's tokens, and the KV cache could not keep the rest (see dropCutTokens).
    while (start < last && input.messages[start]!.role !== 'assistant') start++
  }
  let rendered = all.slice(start)
  if (!fits(rendered, input.maxPromptTokens)) {
    // Even the newest message alone does not fit: keep its end, which is what the user is replying to.
    start = Math.max(0, last)
    const newest = all[start]!
    const room = Math.max(16, input.maxPromptTokens - systemCost - 8)
    rendered = [{ role: newest.role, text: keepTail(newest.text, room, input.countTokens) }]
  }
  return {
    turns: [system, ...injectAtDepth(rendered, injections)],
    droppedMessageIds: input.messages.slice(0, start).map((m) => m.id),
    startId: input.messages[start]?.id ?? null,
    estimatedTokens: estimate(rendered)
  }
}

/**
 * SillyTavern's in-chat injection (script.js `doChatInject`): a block at depth d goes before the d-th turn from the
 * end (0 = after the newest; deeper than the history = at its start). Blocks at one depth go assistant, user, system
 * in prompt order, so the system one sits closest to the chat's end. The turns before the deepest block are the
 * previous prompt's, so the KV cache still covers them; what follows it is read again each turn, as in ST.
 */
export function injectAtDepth(turns: readonly PromptTurn[], injections: readonly DepthInjection[]): PromptTurn[] {
  if (injections.length === 0) return [...turns]
  const roleOrder = { assistant: 0, user: 1, system: 2 } as const
  const before = (slot: number): PromptTurn[] =>
    injections
      .filter((i) => Math.max(0, turns.length - Math.max(0, i.depth)) === slot)
      .sort((a, b) => roleOrder[a.role] - roleOrder[b.role])
      .map((i) => ({ role: i.role, text: i.text }))
  return [...turns.flatMap((turn, slot) => [...before(slot), turn]), ...before(turns.length)]
}

function keepTail(text: string, maxTokens: number, countTokens: (text: string) => number): string {
  let chars = Math.min(text.length, maxTokens * 4)
  let tail = text.slice(-chars)
  while (chars > 16 && countTokens(tail) > maxTokens) {
    chars = Math.floor(chars * 0.8)
    tail = text.slice(-chars)
  }
  return `[…] ${tail}`
}
