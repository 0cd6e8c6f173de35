import { type ChatWrapper, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp'
import { AppError } from '../../shared/errors'
import { AsyncQueue } from '../util/AsyncQueue'
import { buildSamplingOptions } from './buildSamplingOptions'
import { dropCutTokens } from './dropCutTokens'
import { hiddenSegmentsOf, hideSegments } from './hideSegments'
import { endsWith, findStop, heldBack, resolveStops } from './stopTriggers'
import { renderPromptTokens } from './renderPromptTokens'
import type { ChatGenerationRequest, GenerationResult, GenerationStream } from './types'

/**
 * A chat reply on the chat sequence, from prompt tokens instead of chat history: renderPromptTokens builds the prompt
 * piece by piece (earlier replies as the very tokens they were generated as), the sequence keeps the matching prefix
 * of its KV cache, and the reply's own tokens come back in the result so the next prompt can reuse them.
 */
export function streamReply(
  sequence: LlamaContextSequence,
  wrapper: ChatWrapper,
  request: ChatGenerationRequest
): GenerationStream {
  const queue = new AsyncQueue<string>()
  const result = generate(sequence, wrapper, request, (text) => queue.push(text)).then(
    (value) => {
      queue.end()
      return value
    },
    (error: unknown) => {
      queue.fail(error)
      throw error
    }
  )
  return { chunks: queue, result }
}

async function generate(
  sequence: LlamaContextSequence,
  wrapper: ChatWrapper,
  request: ChatGenerationRequest,
  emit: (text: string) => void
): Promise<GenerationResult> {
  const model = sequence.model
  const contextSize = sequence.context.contextSize
  const prompt = renderPromptTokens(wrapper, model, request.turns, request.isContinuation)
  if (prompt.tokens.length >= contextSize - 1) {
    throw new AppError(
      'INVALID_INPUT',
      `The prompt (${prompt.tokens.length} tokens) does not fit the context (${contextSize}); use a larger context size or a shorter reply length.`
    )
  }
  const stops = resolveStops(model, prompt.stopTriggers, request.stopStrings)
  const hidden = hiddenSegmentsOf(wrapper)
  const openAtStart = hidden.openAtStart(prompt.endText)
  const hides = hidden.segments.length > 0 || openAtStart !== null
  const heldStrings = [...stops.texts.map((s) => s.text), ...hidden.segments.map((s) => s.open)]
  const sampling = buildSamplingOptions(request.sampling)
  const meterBefore = sequence.tokenMeter.getState()
  const started = performance.now()
  let firstTokenAt: number | null = null

  // Keep the cached prefix; at least the last prompt token is evaluated again, to sample from its logits.
  const input = prompt.tokens.slice(0, -1)
  const dropped = request.isHistoryCut ? await dropCutTokens(sequence, input) : { erased: 0, shifted: 0 }
  await sequence.adaptStateToTokens(input, false)
  input.push(prompt.tokens[prompt.tokens.length - 1]!)
  input.splice(0, sequence.nextTokenIndex)

  const priorTokens = prompt.tokens.slice(prompt.tokens.length - prompt.openTurnTokens)
  const detokenizeContext = prompt.tokens.slice(-16)
  const nl = model.tokens.nl
  let generated: Token[] = []
  const spelled = new SpelledText(model, hides, detokenizeContext)
  let text = ''
  /** Something was hidden (a thought): the reply's tokens no longer spell its text. */
  let isHiding = false
  let emitted = 0
  let stopReason: GenerationResult['stopReason'] = 'maxTokens'
  if (request.signal?.aborted) stopReason = 'cancelled'
  else {
    const tokens = sequence.evaluate(input, {
      temperature: sampling.temperature,
      minP: sampling.minP,
      topK: sampling.topK,
      topP: sampling.topP,
      seed: sampling.seed,
      xtc: sampling.xtc,
      repeatPenalty: sampling.repeatPenalty
        ? {
            // As LlamaChat does: the reply's own recent tokens, newlines exempt.
            punishTokens: () => generated.slice(-64).filter((token) => token !== nl),
            maxPunishTokens: 64,
            penalty: sampling.repeatPenalty.penalty,
            presencePenalty: sampling.repeatPenalty.presencePenalty,
            frequencyPenalty: sampling.repeatPenalty.frequencyPenalty
          }
        : undefined,
      dryRepeatPenalty: sampling.dryRepeatPenalty,
      yieldEogToken: true
    })
    for await (const token of tokens) {
      firstTokenAt ??= performance.now()
      if (model.isEogToken(token)) {
        stopReason = 'eos'
        break
      }
      generated.push(token)
      const run = stops.tokenRuns.find((r) => endsWith(generated, r))
      if (run) generated = generated.slice(0, generated.length - run.length)
      const searchFrom = Math.max(0, text.length - stops.longestText)
      // Hidden segments are found by their markers, which may be special tokens: render those as text then.
      const raw = spelled.of(generated)
      text = hides ? hideSegments(raw, hidden.segments, openAtStart) : raw
      isHiding = text !== raw
      if (run) {
        stopReason = 'eos'
        break
      }
      const hit = findStop(text, stops, searchFrom)
      if (hit) {
        text = text.slice(0, hit.index)
        if (!isHiding) generated = tokensOf(model, generated, text, detokenizeContext)
        stopReason = hit.isCustom ? 'stopString' : 'eos'
        break
      }
      // Leading whitespace may yet turn out to precede a hidden segment, and then it is dropped.
      const safeEnd = hides && text.trim() === '' ? 0 : text.length - heldBack(text, heldStrings)
      if (safeEnd > emitted) {
        emit(text.slice(emitted, safeEnd))
        emitted = safeEnd
      }
      if (request.signal?.aborted) {
        stopReason = 'cancelled'
        break
      }
      if (generated.length >= sampling.maxTokens || sequence.nextTokenIndex >= contextSize - 1) break
    }
  }
  if (text.length > emitted) emit(text.slice(emitted))
  const used = sequence.tokenMeter.diff(meterBefore)
  return {
    lane: 'chat',
    text,
    stopReason,
    promptTokensEvaluated: Math.max(0, used.usedInputTokens - dropped.shifted),
    promptTokensShifted: dropped.shifted,
    promptTokens: prompt.tokens.length,
    promptTailTokens: prompt.tailTokens,
    // Without its hidden part the reply is re-read next turn, as the template shows earlier replies without thoughts.
    turnTokens: [...priorTokens, ...(isHiding ? model.tokenize(text, false, 'trimLeadingSpace') : generated)],
    outputTokens: used.usedOutputTokens,
    timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - started,
    durationMs: performance.now() - started
  }
}

/** The text of the generated tokens, kept up to date without detokenizing the whole reply at every token. */
class SpelledText {
  private settled = 0
  private settledText = ''

  constructor(
    private readonly model: LlamaModel,
    private readonly showSpecial: boolean,
    private readonly context: readonly Token[]
  ) {}

  of(tokens: readonly Token[]): string {
    if (this.settled > tokens.length) this.settled = 0
    if (this.settled === 0) this.settledText = ''
    const before = this.settled > 0 ? tokens.slice(Math.max(0, this.settled - 16), this.settled) : this.context
    const text = this.settledText + this.model.detokenize(tokens.slice(this.settled), this.showSpecial, before)
    // An unfinished multi-byte character may still change; everything before it is final.
    if (!text.endsWith('\uFFFD')) {
      this.settled = tokens.length
      this.settledText = text
    }
    return text
  }
}

/** The generated tokens that spell `text` (a prefix of their text); a token cut by a stop string is re-tokenized. */
function tokensOf(model: LlamaModel, generated: readonly Token[], text: string, context: readonly Token[]): Token[] {
  let count = generated.length
  let spelled = model.detokenize(generated.slice(0, count), false, context)
  while (count > 0 && !(text.startsWith(spelled) && spelled.length <= text.length)) {
    count--
    spelled = model.detokenize(generated.slice(0, count), false, context)
  }
  const rest = text.slice(spelled.length)
  return [...generated.slice(0, count), ...(rest ? model.tokenize(rest, false, 'trimLeadingSpace') : [])]
}
