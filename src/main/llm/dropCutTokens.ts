import type { LlamaContextSequence, Token } from 'node-llama-cpp'

/** Matching tokens that show the new prompt goes on with a later part of the cached one (not a chance repeat). */
const MIN_RUN = 32
/**
 * Cached tokens at the very end that may differ from the new prompt: the reply's last sampled token was never
 * evaluated, and a reply cut at a stop string is re-tokenized at its end.
 */
const END_SLACK = 16

export interface DroppedTokens {
  erased: number
  /** Cached tokens moved to new positions (node-llama-cpp's token meter counts them as input; nothing is evaluated). */
  shifted: number
}

/**
 * After a history cut the prompt is the same system prompt followed by a later stretch of the cached history. Erasing
 * the cut turns from the KV cache (llama.cpp shifts the positions of what follows) keeps the rest cached, instead of
 * re-reading the whole window at every cut, as KoboldCpp's and llama-server's context shift do. Nothing is erased
 * when the prompt does not look like a cut, or the model cannot shift (recurrent models). As with any context shift,
 * the kept tokens' cache entries were computed after the cut turns (their gist lives on as a session summary memory).
 */
export async function dropCutTokens(sequence: LlamaContextSequence, tokens: readonly Token[]): Promise<DroppedTokens> {
  const none = { erased: 0, shifted: 0 }
  if (!canShift(sequence)) return none
  const cached = sequence.contextTokens
  const start = sequence.compareContextTokens([...tokens]).firstDifferentIndex
  if (start >= cached.length || tokens.length - start < MIN_RUN) return none
  const end = keptHistoryStart(cached, tokens, start)
  if (end < 0) return none
  await sequence.eraseContextTokenRanges([{ start, end }])
  return { erased: end - start, shifted: cached.length - end }
}

/** As node-llama-cpp decides for its own context shift: recurrent models and DeepSeek-2's attention cannot move cells. */
function canShift(sequence: LlamaContextSequence): boolean {
  const model = sequence.model
  // Read as a plain string: the metadata's enum is only a type here, and importing it would load node-llama-cpp.
  const architecture: string | undefined = model.fileInfo.metadata?.general?.architecture
  return !model.fileInsights.isRecurrent && architecture !== 'deepseek2'
}

/**
 * Where in `cached` (after `start`) the kept history begins: the first position from which the prompt's tokens from
 * `start` on run to the end of the cache (within END_SLACK), at least MIN_RUN tokens; -1 when there is none. A run
 * that breaks off earlier is a repeat (the same message sent twice) or a changed turn, not the kept history.
 */
export function keptHistoryStart(cached: readonly Token[], tokens: readonly Token[], start: number): number {
  for (let at = start + 1; at + MIN_RUN <= cached.length; at++) {
    let length = 0
    while (
      at + length < cached.length &&
      start + length < tokens.length &&
      cached[at + length] === tokens[start + length]
    )
      length++
    if (length >= MIN_RUN && at + length >= cached.length - END_SLACK) return at
  }
  return -1
}
