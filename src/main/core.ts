import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ChatService } from './chat/ChatService'
import { AutoBackup } from './backup/AutoBackup'
import { BACKUPS_DIR } from './backup/backupFormat'
import type { AppConfig } from './config'
import { MessageSearch } from './db/repositories/MessageSearch'
import { LOCAL_USER_ID } from './db/repositories/UserRepository'
import { LlmRuntime } from './llm/LlmRuntime'
import { EventBus } from './util/EventBus'
import { BackgroundTasks } from './util/BackgroundTasks'
import { OnnxRuntime } from './onnx/OnnxRuntime'
import { EmotionModelService } from './emotion/EmotionModelService'
import { ProfileService } from './settings/ProfileService'
import { EmotionClassifier } from './emotion/EmotionClassifier'
import { VOICE_MODELS_SUBDIR } from './models/voiceRepoFiles'
import { ESPEAK_DATA_DIR, SYSTEM_ESPEAK_DATA_DIRS } from './voice/espeakData'
import { VoiceModelStore } from './voice/VoiceModelStore'
import { VoiceService } from './voice/VoiceService'
import type { Core, CoreOptions } from './core/Core'
import { openStores } from './core/openStores'
import { wireCharacters } from './core/wireCharacters'
import { wireChatHooks } from './core/wireChatHooks'
import { wireGroups } from './core/wireGroups'
import { wireHistory } from './core/wireHistory'
import { wireLorebooks } from './core/wireLorebooks'
import { wireMemory } from './core/wireMemory'
import { wireModels } from './core/wireModels'

export type { Core, CoreOptions } from './core/Core'

/**
 * The only composition root: builds every service from plain config values and disposes them in reverse. Each
 * capability's wiring is in core/ (wireMemory, wireGroups, ...); this function decides the order and what meets what.
 */
export async function createCore(config: AppConfig, options: CoreOptions = {}): Promise<Core> {
  mkdirSync(config.dataDir, { recursive: true })
  mkdirSync(config.modelsDir, { recursive: true })
  const events = options.events ?? new EventBus()
  const stores = openStores(config.dataDir)
  const { db, users, user, characters, chats, messages, settings, modelSettings } = stores

  const runtime = new LlmRuntime({
    threads: config.threads,
    gpu: config.gpu,
    maxContextSize: config.maxContextSize,
    onGeneration: options.onGeneration,
    onStatus: (status) => events.emit('models.status', status)
  })
  const background = new BackgroundTasks()
  const { library, downloads, models } = wireModels(config, stores, { runtime, events })
  const onnx = new OnnxRuntime(config.threads)
  const memory = await wireMemory(config, { stores, runtime, onnx, events, background })
  const opened = memory.opened
  const lorebooks = wireLorebooks(stores)
  const { groups, cast, loadScope } = wireGroups(stores, {
    events,
    deleteChat: (chatId) => chat.deleteChat(chatId)
  })
  const emotion = await EmotionClassifier.load(join(config.resourcesDir, 'emotion'))
  const emotionModel = new EmotionModelService(onnx, settings)
  const emotionNotice = await emotionModel.restore()
  const memoryNotice = [memory.notice, emotionNotice].filter(Boolean).join(' ') || null
  const { hooks, memoryHooks } = wireChatHooks({
    stores,
    runtime,
    events,
    background,
    memory: opened,
    lorebooks,
    emotion,
    emotionModel,
    loadScope
  })
  const autoBackup = new AutoBackup({
    source: { db, dataDir: config.dataDir, modelsDir: config.modelsDir, appVersion: config.version },
    dir: join(config.dataDir, BACKUPS_DIR),
    keep: () => settings.get().autoBackupKeep,
    background
  })
  autoBackup.start()
  const { history, chatInterop } = wireHistory(stores, { memory: opened, cast, runtime, events, background })
  const characterService = wireCharacters(config, stores, {
    runtime,
    events,
    lorebooks,
    chatInterop,
    memory: opened.memory,
    onDeleting: (characterId) => {
      chat.stopCharacter(characterId)
      groups.removeCharacter(characterId)
    }
  })
  const voice = new VoiceService({
    library: new VoiceModelStore(
      join(config.modelsDir, VOICE_MODELS_SUBDIR),
      join(config.dataDir, 'voice-models.json'),
      { espeakDataDirs: [join(config.resourcesDir, 'voice', ESPEAK_DATA_DIR), ...SYSTEM_ESPEAK_DATA_DIRS] }
    ),
    vadModelPath: join(config.resourcesDir, 'voice', 'silero_vad.onnx'),
    // Speech runs beside chat generation on the same cores: at most two threads for it.
    threads: Math.min(2, config.threads),
    events
  })
  const chat = new ChatService({
    runtime,
    events,
    users,
    characters,
    chats,
    messages,
    settings,
    modelSettings,
    hooks,
    cast
  })
  // What the last run left (a crash before the chat went idle, extraction pre-empted at quit) is done now.
  memoryHooks.resume()

  return {
    config,
    userId: LOCAL_USER_ID,
    events,
    db,
    runtime,
    users,
    characters,
    chats,
    messages,
    messageSearch: new MessageSearch(db),
    settings,
    profiles: new ProfileService(users, user.id),
    chat,
    groups,
    chatInterop,
    lorebooks,
    history,
    characterService,
    memory: opened.memory,
    memoryRepository: opened.repository,
    memoryIndex: opened.index,
    emotion,
    emotionModel,
    library,
    modelSettings,
    models,
    downloads,
    voice,
    background,
    memoryNotice,
    switchEmbeddingModel: memory.switchEmbeddingModel,
    info: (transport) => ({
      version: config.version,
      dataDir: config.dataDir,
      modelsDir: config.modelsDir,
      transport,
      notice: memoryNotice
    }),
    autoBackup,
    async dispose() {
      autoBackup.dispose()
      opened.memory.stopRefill()
      downloads.dispose()
      voice.dispose()
      characterService.dispose()
      await chat.dispose()
      history.pauseAll()
      await background.settle()
      await opened.memory.close()
      await emotionModel.dispose()
      await onnx.dispose()
      await runtime.dispose()
      db.close()
    }
  }
}
