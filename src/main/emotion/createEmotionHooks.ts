import type { EmotionClassifierChoice, EmotionReading, Message } from '../../shared/domain'
import { listenersOf, type ChatHooks, type TurnScope } from '../hooks/chatHooks'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import type { EventBus } from '../util/EventBus'
import { describeUserTone, isNotableEmotionalMoment } from './describeUserTone'
import type { ChatModelEmotionClassifier } from './ChatModelEmotionClassifier'
import type { EmotionClassifier } from './EmotionClassifier'
import type { OnnxEmotionClassifier } from './OnnxEmotionClassifier'

/** A strong emotional moment of the user's, to be remembered (core.ts hands it to memory). */
export interface NotableMoment {
  characterId: string
  userId: string
  chatId: string
  messageId: string
  /** When it was said (ISO). */
  at: string
  text: string
}

export interface EmotionHookDeps {
  classifier: EmotionClassifier
  chatModel: ChatModelEmotionClassifier
  /** The user's ONNX emotion model when it is chosen and loaded. */
  onnx: () => OnnxEmotionClassifier | null
  /** Read on every message, so a changed setting applies from the next one. */
  choice: () => EmotionClassifierChoice
  messages: MessageRepository
  remember: (moment: NotableMoment) => Promise<unknown>
  events: EventBus
  background: BackgroundTasks
}

const FEELING_WORD: Record<string, string> = {
  joy: 'very happy',
  sadness: 'very sad',
  anger: 'very angry',
  fear: 'very stressed or scared',
  disgust: 'disgusted',
  love: 'very affectionate'
}

/**
 * Tone in the turn: every message gets a reading; the user's tone goes into the prompt; strong moments are remembered.
 * The built-in reading is stored at once, so the prompt never waits. With the chat model chosen, its reading replaces
 * that one after the reply (it waits for an idle chat), and later prompts, the timeline and memories use it.
 */
export function createEmotionHooks(deps: EmotionHookDeps): ChatHooks {
  const record = (message: Message, reading: EmotionReading): void => {
    deps.messages.setEmotion(message.id, reading)
    deps.events.emit('chat.emotion', { chatId: message.chatId, messageId: message.id, emotion: reading })
  }
  const read = (message: Message): EmotionReading => {
    const { label, confidence, fineLabel } = deps.classifier.classify(message.content)
    const reading = { label, confidence, fineLabel }
    record(message, reading)
    return reading
  }
  /** The chosen classifier's reading, without a source when the bundled one stood in for it. */
  const readWithChoice = async (
    text: string,
    quick: EmotionReading
  ): Promise<EmotionReading & { source: EmotionClassifierChoice }> => {
    if (deps.choice() === 'chat-model') return deps.chatModel.classify(text)
    const onnx = deps.onnx()
    if (!onnx) return { ...quick, source: 'builtin' }
    const [reading] = await onnx.classify([text])
    if (!reading) return { ...quick, source: 'builtin' }
    return { label: reading.label, confidence: reading.confidence, fineLabel: reading.fineLabel, source: 'onnx' }
  }
  /** The chosen classifier's reading, after the reply; null when the message was edited or deleted meanwhile. */
  const refine = async (message: Message, quick: EmotionReading): Promise<EmotionReading | null> => {
    if (deps.choice() === 'builtin') return quick
    const { source, ...reading } = await readWithChoice(message.content, quick)
    const isUnchanged = deps.messages.find(message.id)?.content === message.content
    if (!isUnchanged) return null
    if (source !== 'builtin') record(message, reading)
    return reading
  }
  const recentUserReadings = (scope: TurnScope, exceptId: string): EmotionReading[] =>
    deps.messages
      .before(exceptId, 40)
      .filter((m) => m.role === 'user' && m.emotion)
      .slice(-4)
      .map((m) => m.emotion!)

  return {
    onUserMessage(scope, message) {
      const quick = read(message)
      deps.background.run('emotion reading', async () => {
        const reading = await refine(message, quick)
        if (!reading || !isNotableEmotionalMoment(reading, message.content)) return
        // Read once; in a group chat every member saw the moment.
        for (const character of listenersOf(scope)) {
          await deps.remember({
            characterId: character.id,
            userId: scope.user.id,
            chatId: scope.chat.id,
            messageId: message.id,
            at: message.createdAt,
            text: `${scope.user.name} was ${FEELING_WORD[reading.label] ?? reading.label} on ${message.createdAt.slice(0, 10)}: "${message.content.slice(0, 100)}"`
          })
        }
      })
    },

    async buildContext(scope, message) {
      const reading = message.emotion ?? deps.messages.get(message.id).emotion ?? read(message)
      const tone = describeUserTone(scope.user.name, reading, recentUserReadings(scope, message.id))
      return { text: tone ?? '', memoryIds: [] }
    },

    onReply(_scope, reply) {
      const quick = read(reply)
      if (deps.choice() !== 'builtin')
        deps.background.run(`emotion reading (${deps.choice()})`, () => refine(reply, quick))
    }
  }
}
