import { defaultSampling } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { StreamRequest } from './streamGeneration'
import type { GenerationStream, JsonGenerationRequest } from './types'

/** Grammar-constrained JSON on the task lane; the result always parses or a typed error is thrown. */
export async function generateJson(
  stream: (request: StreamRequest) => GenerationStream,
  request: JsonGenerationRequest
): Promise<unknown> {
  const generation = stream({
    lane: 'task',
    turns: [
      { role: 'system', text: request.system },
      { role: 'user', text: request.prompt }
    ],
    sampling: { ...defaultSampling(), temperature: request.temperature ?? 0.7, maxTokens: request.maxTokens },
    stopStrings: [],
    schema: request.schema,
    signal: request.signal,
    isBackground: request.isBackground
  })
  for await (const chunk of generation.chunks) request.onTextChunk?.(chunk)
  const result = await generation.result
  if (result.stopReason === 'cancelled') throw new AppError('CANCELLED', 'Cancelled.')
  try {
    return JSON.parse(result.text) as unknown
  } catch (cause) {
    throw new AppError(
      'INTERNAL',
      `The model's structured answer was cut off after ${result.outputTokens} tokens; try a larger reply length.`,
      { cause }
    )
  }
}
