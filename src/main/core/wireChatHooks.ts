import { combineHooks } from '../chat/combineHooks'
import { LoreTimedEffectRepository } from '../db/repositories/LoreTimedEffectRepository'
import { ChatModelEmotionClassifier } from '../emotion/ChatModelEmotionClassifier'
import { createEmotionHooks } from '../emotion/createEmotionHooks'
import type { EmotionClassifier } from '../emotion/EmotionClassifier'
import type { EmotionModelService } from '../emotion/EmotionModelService'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import type { LlmRuntime } from '../llm/LlmRuntime'
import { createLorebookHooks } from '../lorebooks/createLorebookHooks'
import type { LorebookService } from '../lorebooks/LorebookService'
import { createMemoryHooks } from '../memory/createMemoryHooks'
import type { OpenedMemory } from '../memory/openMemoryService'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import type { EventBus } from '../util/EventBus'
import type { Stores } from './openStores'

export interface ChatHooksDeps {
  stores: Stores
  runtime: LlmRuntime
  events: EventBus
  background: BackgroundTasks
  memory: OpenedMemory
  lorebooks: LorebookService
  emotion: EmotionClassifier
  emotionModel: EmotionModelService
  loadScope: (chatId: string) => TurnScope
}

/**
 * What a chat turn is given by memory, lore and emotion, combined. Order matters for the injected context:
 * memories, then triggered lore, then the user's tone last. `memoryHooks.resume()` picks up what the last run left.
 */
export function wireChatHooks(deps: ChatHooksDeps): {
  hooks: ChatHooks
  memoryHooks: ChatHooks & { resume(): void }
} {
  const { stores, runtime, events, background, memory, emotion, emotionModel } = deps
  const { db, settings, messages } = stores
  const memoryHooks = createMemoryHooks({
    memory: memory.memory,
    repository: memory.repository,
    runtime,
    settings,
    messages,
    background,
    db,
    loadScope: deps.loadScope
  })
  const hooks = combineHooks(
    memoryHooks,
    createLorebookHooks({
      lorebooks: deps.lorebooks,
      timedEffects: new LoreTimedEffectRepository(db),
      countTokens: () => (runtime.isLoaded ? (text: string) => runtime.countTokens(text) : null)
    }),
    createEmotionHooks({
      classifier: emotion,
      chatModel: new ChatModelEmotionClassifier(runtime, emotion),
      onnx: () => emotionModel.current,
      choice: () => settings.get().emotionClassifier,
      messages,
      remember: ({ text, ...moment }) =>
        memory.memory.addFacts({ ...moment, facts: [{ kind: 'event', subject: null, importance: 0.7, text }] }),
      events,
      background
    })
  )
  return { hooks, memoryHooks }
}
