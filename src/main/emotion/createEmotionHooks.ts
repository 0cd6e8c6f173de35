import type { EmotionReading, Message } from '../../shared/domain'
import type { ChatHooks, TurnScope } from '../chat/chatTypes'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { MemoryService } from '../memory/MemoryService'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import type { EventBus } from '../util/EventBus'
import { describeUserTone, isNotableEmotionalMoment } from './describeUserTone'
import type { EmotionClassifier } from './EmotionClassifier'

export interface EmotionHookDeps {
  classifier: EmotionClassifier
  messages: MessageRepository
  memory: MemoryService
  events: EventBus
  background: BackgroundTasks
}

const FEELING_WORD: Record<string, string> = { joy: 'very happy', sadness: 'very sad', anger: 'very angry', fear: 'very stressed or scared', disgust: 'disgusted', love: 'very affectionate' }

/** Tone in the turn: every message gets a reading; the user's tone goes into the prompt; strong moments are remembered. */
export function createEmotionHooks(deps: EmotionHookDeps): ChatHooks {
  const read = (message: Message): EmotionReading => {
    const { label, confidence, fineLabel } = deps.classifier.classify(message.content)
    const reading = { label, confidence, fineLabel }
    deps.messages.setEmotion(message.id, reading)
    deps.events.emit('chat.emotion', { chatId: message.chatId, messageId: message.id, emotion: reading })
    return reading
  }
  const recentUserReadings = (scope: TurnScope, exceptId: string): EmotionReading[] =>
    deps.messages
      .list(scope.chat.id)
      .filter((m) => m.role === 'user' && m.id !== exceptId && m.emotion)
      .slice(-4)
      .map((m) => m.emotion!)

  return {
    onUserMessage(scope, message) {
      const reading = read(message)
      if (!isNotableEmotionalMoment(reading, message.content)) return
      deps.background.run('emotional memory', () =>
        deps.memory.addFacts({
          characterId: scope.character.id,
          userId: scope.user.id,
          chatId: scope.chat.id,
          messageId: message.id,
          at: message.createdAt,
          facts: [{ kind: 'event', subject: null, importance: 0.7, text: `${scope.user.name} was ${FEELING_WORD[reading.label] ?? reading.label} on ${message.createdAt.slice(0, 10)}: "${message.content.slice(0, 100)}"` }]
        })
      )
    },

    async buildContext(scope, message) {
      const reading = message.emotion ?? deps.messages.get(message.id).emotion ?? read(message)
      const tone = describeUserTone(scope.user.name, reading, recentUserReadings(scope, message.id))
      return { text: tone ?? '', memoryIds: [] }
    },

    onReply(_scope, reply) {
      read(reply)
    }
  }
}
