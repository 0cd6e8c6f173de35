import type { EmotionClassifierChoice, EmotionReading } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { JsonGenerationRequest } from '../llm/types'
import { retryWhenBusy } from '../util/retryWhenBusy'
import type { EmotionClassifier } from './EmotionClassifier'
import { FINE_LABELS, moodOf } from './labels'

/** The slice of LlmRuntime this classifier needs. */
export interface JsonModel {
  readonly isLoaded: boolean
  generateJson(request: JsonGenerationRequest): Promise<unknown>
}

export interface SourcedReading extends EmotionReading {
  /** Which classifier produced the reading: 'builtin' when the chat model was not loaded or failed. */
  source: EmotionClassifierChoice
}

/** The enum grammar makes every answer one of the GoEmotions labels and a certainty step; no parsing can fail. */
const READING_SCHEMA = {
  type: 'object',
  properties: {
    emotion: { enum: FINE_LABELS },
    certainty: { enum: [1, 2, 3, 4, 5] }
  },
  required: ['emotion', 'certainty']
}

// The grammar only allows the labels; listing them lets the model weigh them all before it writes the first letter.
const SYSTEM =
  'You read the emotion in one chat message. Answer with the single label that fits the writer best ' +
  '(neutral when no emotion shows) and your certainty from 1 (a guess) to 5 (unmistakable).\n' +
  `Labels: ${FINE_LABELS.join(', ')}.`

/** Long pastes are cut: the tone shows early, and the task context must hold the prompt. */
const MAX_MESSAGE_CHARS = 1500

/**
 * The loaded chat model as emotion classifier: slower than the built-in net (a prompt and a dozen tokens on the task
 * lane) but it reads context and sarcasm a small net misses. It runs as background work, so it waits for an idle chat
 * and gives way to a reply (retried a few times); the built-in reading stands in whenever the model cannot answer.
 */
export class ChatModelEmotionClassifier {
  constructor(
    private readonly model: JsonModel,
    private readonly fallback: EmotionClassifier
  ) {}

  async classify(text: string, signal?: AbortSignal): Promise<SourcedReading> {
    if (!text.trim() || !this.model.isLoaded) return this.builtin(text)
    try {
      const answer = (await retryWhenBusy(() =>
        this.model.generateJson({
          system: SYSTEM,
          prompt: `Message: """${text.slice(0, MAX_MESSAGE_CHARS)}"""`,
          schema: READING_SCHEMA,
          maxTokens: 40,
          temperature: 0,
          signal,
          isBackground: true
        })
      )) as { emotion?: unknown; certainty?: unknown }
      const fineLabel = FINE_LABELS.find((label) => label === answer.emotion)
      const certainty = typeof answer.certainty === 'number' ? answer.certainty : NaN
      if (!fineLabel || !(certainty >= 1 && certainty <= 5))
        throw new AppError('INTERNAL', 'The chat model answered outside the label set.')
      return { label: moodOf(fineLabel), fineLabel, confidence: certainty / 5, source: 'chat-model' }
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') throw error
      console.warn('[emotion] the chat model could not read the message; using the built-in classifier:', error)
      return this.builtin(text)
    }
  }

  private builtin(text: string): SourcedReading {
    const { label, confidence, fineLabel } = this.fallback.classify(text)
    return { label, confidence, fineLabel, source: 'builtin' }
  }
}
