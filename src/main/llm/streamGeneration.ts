import type { ChatHistoryItem, LlamaChat, LlamaGrammar } from 'node-llama-cpp'
import { AsyncQueue } from '../util/AsyncQueue'
import { buildSamplingOptions } from './buildSamplingOptions'
import type { ChatGenerationRequest, GenerationResult, GenerationStream, PromptTurn } from './types'

/** `chat` keeps the conversation's KV cache (see streamReply); `task` serves background work. */
export type Lane = 'chat' | 'task'

export interface StreamRequest extends ChatGenerationRequest {
  lane?: Lane
  /** See JsonGenerationRequest.isBackground. */
  isBackground?: boolean
  /** JSON schema for grammar-constrained output (task lane). */
  schema?: object
}

/** Prompt turns -> node-llama-cpp history, ending with the (possibly partial) model turn to complete. */
export function toChatHistory(turns: readonly PromptTurn[], isContinuation = false): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = turns.map((turn): ChatHistoryItem => {
    if (turn.role === 'system') return { type: 'system', text: turn.text }
    if (turn.role === 'user') return { type: 'user', text: turn.text }
    return { type: 'model', response: [turn.text] }
  })
  const last = turns[turns.length - 1]
  if (!(isContinuation && last?.role === 'assistant')) history.push({ type: 'model', response: [] })
  return history
}

/**
 * Runs one generation through LlamaChat (task lane: one-off prompts, JSON grammars) and exposes it as an
 * AsyncIterable of text chunks plus a final result.
 */
export function streamGeneration(
  chat: LlamaChat,
  request: StreamRequest & { grammar?: LlamaGrammar }
): GenerationStream {
  const queue = new AsyncQueue<string>()
  const sequence = chat.sequence
  const meterBefore = sequence.tokenMeter.getState()
  const started = performance.now()
  let firstTokenAt: number | null = null
  const sampling = buildSamplingOptions(request.sampling)

  const generation = chat.generateResponse(toChatHistory(request.turns, request.isContinuation), {
    ...sampling,
    grammar: request.grammar,
    signal: request.signal,
    stopOnAbortSignal: true,
    customStopTriggers: request.stopStrings.length > 0 ? request.stopStrings : undefined,
    onTextChunk(text) {
      if (firstTokenAt === null) firstTokenAt = performance.now()
      queue.push(text)
    }
  })

  const result = generation.then(
    (response): GenerationResult => {
      queue.end()
      const used = sequence.tokenMeter.diff(meterBefore)
      const reason = response.metadata.stopReason
      return {
        lane: request.lane ?? 'chat',
        text: response.response,
        stopReason:
          reason === 'abort'
            ? 'cancelled'
            : reason === 'maxTokens'
              ? 'maxTokens'
              : reason === 'customStopTrigger'
                ? 'stopString'
                : 'eos',
        promptTokensEvaluated: Math.max(0, used.usedInputTokens),
        // The sequence holds the prompt and the evaluated reply tokens (all but the last one sampled).
        promptTokens: Math.max(0, sequence.nextTokenIndex - Math.max(0, used.usedOutputTokens - 1)),
        outputTokens: used.usedOutputTokens,
        timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - started,
        durationMs: performance.now() - started
      }
    },
    (error: unknown) => {
      queue.fail(error)
      throw error
    }
  )
  return { chunks: queue, result }
}
