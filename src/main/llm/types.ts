import type { Token } from 'node-llama-cpp'
import type { ChatTemplateName, LoraRef, SamplingSettings } from '../../shared/domain'

/**
 * One turn of the prompt, before the model's chat template renders it. An assistant turn may carry the tokens it
 * was generated as (see renderPromptTokens), so the prompt matches the KV cache exactly.
 */
export type PromptTurn = { role: 'system' | 'user' | 'assistant'; text: string; tokens?: readonly Token[] }

export interface ChatGenerationRequest {
  turns: PromptTurn[]
  sampling: SamplingSettings
  /** Strings that end the reply, e.g. "\nAlex:" so the character never writes the user's lines. */
  stopStrings: string[]
  signal?: AbortSignal
  /** When the last turn is the assistant's, continue it instead of starting a new reply. */
  isContinuation?: boolean
  /**
   * The history was cut since the last reply: the cut turns' tokens may leave the KV cache with the rest shifted
   * into place (see dropCutTokens). Only for cuts: after an edit or a deletion everything after it is read again, so
   * no trace of the old text stays in the cache.
   */
  isHistoryCut?: boolean
}

export interface GenerationResult {
  /** `chat` for replies, `task` for background and structured work. */
  lane: 'chat' | 'task'
  text: string
  stopReason: 'eos' | 'maxTokens' | 'stopString' | 'cancelled'
  /** Prompt tokens evaluated for this request (not reused from the KV cache). */
  promptTokensEvaluated: number
  /** Chat lane: cached tokens moved into place after a history cut, instead of being evaluated again. */
  promptTokensShifted?: number
  /** The whole prompt's length in tokens. */
  promptTokens: number
  /** Chat lane: the prompt's tokens after its last assistant turn (the newest user turn, template markers included). */
  promptTailTokens?: number
  /** Chat lane: the reply turn's tokens as they now sit in the KV cache (with a continued reply's earlier part). */
  turnTokens?: Token[]
  outputTokens: number
  timeToFirstTokenMs: number | null
  durationMs: number
}

export interface GenerationStream {
  /** Text chunks as the model produces them. */
  chunks: AsyncIterable<string>
  result: Promise<GenerationResult>
}

export interface JsonGenerationRequest {
  system: string
  prompt: string
  /** A JSON schema node-llama-cpp can turn into a grammar; bound strings (maxLength) and arrays (maxItems). */
  schema: object
  maxTokens: number
  temperature?: number
  signal?: AbortSignal
  onTextChunk?: (text: string) => void
  /** Background work: waits for the chat to be idle and gives way to a new reply (then throws BUSY to retry). */
  isBackground?: boolean
}

export interface LoadModelRequest {
  path: string
  contextSize?: number
  gpuLayers?: number | 'auto'
  chatTemplate?: ChatTemplateName
  loras?: LoraRef[]
  onProgress?: (progress: number) => void
  signal?: AbortSignal
}
