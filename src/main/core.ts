import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ChatService } from './chat/ChatService'
import { AutoBackup } from './backup/AutoBackup'
import { BACKUPS_DIR } from './backup/backupFormat'
import { ChatInterop } from './chat/interop/ChatInterop'
import { starterCharacter } from './characters/starterCharacter'
import { CharacterService } from './characters/CharacterService'
import { CharacterGenerator } from './characters/generate/CharacterGenerator'
import { AvatarStore } from './characters/avatar/AvatarStore'
import { createLorebookHooks } from './lorebooks/createLorebookHooks'
import { LorebookService } from './lorebooks/LorebookService'
import { defaultLoreEntry } from './lorebooks/loreTypes'
import { HistoryIngest } from './memory/HistoryIngest'
import { LorebookRepository } from './db/repositories/LorebookRepository'
import { LoreTimedEffectRepository } from './db/repositories/LoreTimedEffectRepository'
import { decodeCard } from './characters/cards/decodeCard'
import { lorebookToCard } from './characters/cards/lorebook'
import type { AppConfig } from './config'
import { AppError } from '../shared/errors'
import { openDatabase, type Db } from './db/openDatabase'
import { CharacterRepository } from './db/repositories/CharacterRepository'
import { ChatRepository } from './db/repositories/ChatRepository'
import { MessageRepository } from './db/repositories/MessageRepository'
import { MessageSearch } from './db/repositories/MessageSearch'
import { SettingsRepository } from './db/repositories/SettingsRepository'
import { LOCAL_USER_ID, UserRepository } from './db/repositories/UserRepository'
import { LlmRuntime } from './llm/LlmRuntime'
import type { GenerationResult } from './llm/types'
import { SettingsService } from './settings/SettingsService'
import { EventBus } from './util/EventBus'
import { BackgroundTasks } from './util/BackgroundTasks'
import { Model2VecEmbedder } from './llm/embed/Model2VecEmbedder'
import { openMemoryService, type OpenedMemory } from './memory/openMemoryService'
import { createMemoryHooks } from './memory/createMemoryHooks'
import type { MemoryService } from './memory/MemoryService'
import type { MemoryRepository } from './db/repositories/MemoryRepository'
import type { MemoryIndex } from './memory/MemoryIndex'
import { combineHooks } from './chat/combineHooks'
import { EmbeddingModelSwitcher } from './memory/switchEmbeddingModel'
import { loadEmbedder, type EmbedderSources } from './llm/embed/loadEmbedder'
import { OnnxRuntime } from './onnx/OnnxRuntime'
import { EmotionModelService } from './emotion/EmotionModelService'
import type { Embedder } from './llm/embed/Embedder'
import { DownloadManager } from './models/DownloadManager'
import { ModelLibrary } from './models/ModelLibrary'
import { ModelSettingsService } from './settings/ModelSettingsService'
import { ModelService } from './models/ModelService'
import { ProfileService } from './settings/ProfileService'
import type { AppInfoResult } from '../shared/contract'
import { EmotionClassifier } from './emotion/EmotionClassifier'
import { createEmotionHooks } from './emotion/createEmotionHooks'
import { ChatModelEmotionClassifier } from './emotion/ChatModelEmotionClassifier'
import { VOICE_MODELS_SUBDIR } from './models/voiceRepoFiles'
import { VoiceModelLibrary } from './voice/VoiceModelLibrary'
import { VoiceService } from './voice/VoiceService'
import { GroupRepository } from './db/repositories/GroupRepository'
import { GroupService } from './groups/GroupService'
import { createGroupCast } from './groups/createGroupCast'
import type { TurnScope } from './hooks/chatHooks'
import type { Character } from '../shared/domain'

export interface Core {
  config: AppConfig
  userId: string
  events: EventBus
  db: Db
  runtime: LlmRuntime
  users: UserRepository
  characters: CharacterRepository
  chats: ChatRepository
  messages: MessageRepository
  /** Full-text search over every chat. */
  messageSearch: MessageSearch
  settings: SettingsService
  profiles: ProfileService
  chat: ChatService
  /** Groups of characters that chat together. */
  groups: GroupService
  /** Chat import (SillyTavern .jsonl, or messages read by another importer) and export. */
  chatInterop: ChatInterop
  /** First-class lorebooks (import, edit, attach, export) and the entries that apply to a chat. */
  lorebooks: LorebookService
  /** Imported chats' history read into long-term memory in the background. */
  history: HistoryIngest
  characterService: CharacterService
  memory: MemoryService
  memoryRepository: MemoryRepository
  /** The memory vector index and the embedder in use (tests check what it holds and which model fills it). */
  memoryIndex: MemoryIndex
  emotion: EmotionClassifier
  /** The user's ONNX emotion model, when one is chosen. */
  emotionModel: EmotionModelService
  library: ModelLibrary
  modelSettings: ModelSettingsService
  models: ModelService
  downloads: DownloadManager
  /** Local voices and speech recognition (sherpa-onnx): models, synthesis, transcription, microphone sessions. */
  voice: VoiceService
  /** Background work (memory extraction, summaries); tests and shutdown wait for it. */
  background: BackgroundTasks
  /** Daily backups into the data folder's backups/. */
  autoBackup: AutoBackup
  /** Set when the memory index was rebuilt at start (e.g. it was damaged). */
  memoryNotice: string | null
  /** Re-embeds every memory with another model (a GGUF path, or null for the bundled one) and remembers the choice. */
  switchEmbeddingModel(path: string | null): Promise<{ embedderId: string; count: number }>
  info(transport: AppInfoResult['transport']): AppInfoResult
  dispose(): Promise<void>
}

export interface CoreOptions {
  onGeneration?: (result: GenerationResult) => void
  /** The event bus to use; a core re-created after a restore keeps the previous one so subscribers stay connected. */
  events?: EventBus
}

/** The user's embedding model (GGUF or ONNX), if one is set and still loads; otherwise the bundled one and a notice. */
async function loadChosenEmbedder(
  path: string | null,
  sources: EmbedderSources
): Promise<{ embedder: Embedder | null; notice: string | null }> {
  if (!path) return { embedder: null, notice: null }
  try {
    return { embedder: await loadEmbedder(path, sources), notice: null }
  } catch (error) {
    console.warn('[memory] the chosen embedding model could not be loaded; using the bundled one', error)
    return {
      embedder: null,
      notice: `The embedding model ${path} could not be loaded, so memory uses the bundled one for now.`
    }
  }
}

/** What the user is told at start about the memory index, if anything. */
function startNotice(rebuilt: OpenedMemory['rebuilt'], embedderNotice: string | null): string | null {
  if (rebuilt?.isInBackground && rebuilt.count > 0) {
    const why = rebuilt.reason === 'corrupt' ? 'The memory index was damaged, so your' : 'Your'
    return `${why} ${rebuilt.count} memories are being re-embedded in the background; until that ends, recall finds only part of them. Nothing is lost.`
  }
  if (rebuilt?.reason === 'corrupt')
    return `The memory index was damaged, so it was rebuilt from your saved memories (${rebuilt.count}). Nothing was lost.`
  return embedderNotice
}

/** The only composition root: builds every service from plain config values and disposes them in reverse. */
export async function createCore(config: AppConfig, options: CoreOptions = {}): Promise<Core> {
  mkdirSync(config.dataDir, { recursive: true })
  mkdirSync(config.modelsDir, { recursive: true })
  const events = options.events ?? new EventBus()
  const db = openDatabase(join(config.dataDir, 'ai-anime.sqlite'))
  const users = new UserRepository(db)
  const characters = new CharacterRepository(db)
  const chats = new ChatRepository(db)
  const messages = new MessageRepository(db)
  const settingsRepository = new SettingsRepository(db)
  const settings = new SettingsService(settingsRepository)
  const modelSettings = new ModelSettingsService(settingsRepository)
  messages.markInterrupted()
  const user = users.ensureLocalUser()
  if (characters.count(user.id) === 0) characters.insert(user.id, starterCharacter())

  const runtime = new LlmRuntime({
    threads: config.threads,
    gpu: config.gpu,
    maxContextSize: config.maxContextSize,
    onGeneration: options.onGeneration,
    onStatus: (status) => events.emit('models.status', status)
  })
  const background = new BackgroundTasks()
  const library = new ModelLibrary(config.modelsDir, join(config.dataDir, 'custom-models.json'), () =>
    runtime.getLlama()
  )
  const downloads = new DownloadManager(config.modelsDir, (download) => events.emit('models.download', download), {
    hfEndpoint: config.huggingFaceEndpoint,
    onnxDtype: () => settings.get().onnxDtype
  })
  const onnx = new OnnxRuntime(config.threads)
  const embedderSources: EmbedderSources = {
    getLlama: () => runtime.getLlama(),
    onnx,
    threads: config.threads,
    onnxDtype: settings.get().onnxDtype
  }
  const embedder = await Model2VecEmbedder.load(join(config.resourcesDir, 'embeddings', 'potion-base-2M'))
  const chosen = await loadChosenEmbedder(settings.get().embeddingModelPath, embedderSources)
  const onReindexProgress = (progress: number): void => events.emit('memory.reindexProgress', { progress })
  const opened = await openMemoryService(db, join(config.dataDir, 'memory-index'), chosen.embedder ?? embedder, {
    // A GGUF embedding model re-embeds for minutes (after an upgrade that changes how it embeds, or a damaged index).
    refillInBackground: chosen.embedder ? (refill) => background.run('memory refill', refill) : undefined,
    onProgress: onReindexProgress,
    onChanged: (characterId) => events.emit('memory.changed', { characterId }),
    requireCharacter: (id) => void characters.get(id),
    messageExists: (id) => messages.find(id) !== null
  })
  // Lorebooks meet characters here: a card's own book is read through the characters capability.
  const lorebooks = new LorebookService({
    repository: new LorebookRepository(db),
    userId: user.id,
    readCardBook: (fileName, bytes) => {
      const book = decodeCard(fileName, bytes).draft.lorebook
      return book ? lorebookToCard(book) : null
    },
    characterBook: (characterId) => {
      const character = characters.get(characterId)
      return character.lorebook && character.lorebook.entries.length > 0
        ? { name: character.lorebook.name || `${character.name}'s lorebook`, book: lorebookToCard(character.lorebook) }
        : null
    }
  })
  const findCharacter = (id: string): Character | null => {
    try {
      return characters.get(id)
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null
      throw error
    }
  }
  // A group's chats go through the chat capability, so their memories are treated as chat.delete treats them.
  const groups = new GroupService({
    repository: new GroupRepository(db),
    events,
    userId: user.id,
    requireCharacter: (id) => void characters.get(id),
    findCharacterByName: (name) => {
      const wanted = name.trim().toLowerCase()
      return characters.list(user.id).find((c) => c.name.trim().toLowerCase() === wanted) ?? null
    },
    onDeleting: async (groupId) => {
      for (const chatId of chats.idsOfGroup(groupId)) await chat.deleteChat(chatId)
    }
  })
  const cast = createGroupCast({ groups, findCharacter })
  /** A chat's scope for background work: in a group chat, every member is in it (the first as its character). */
  const loadScope = (chatId: string): TurnScope => {
    const found = chats.get(chatId)
    const owner = users.get(found.userId)
    if (found.groupId === null) return { chat: found, character: characters.get(found.characterId!), user: owner }
    const group = cast.load(found.groupId)
    const first = group.members[0]
    if (!first) throw new AppError('NOT_FOUND', 'This group has no members left.')
    return { chat: found, character: first, user: owner, group }
  }
  const emotion = await EmotionClassifier.load(join(config.resourcesDir, 'emotion'))
  const emotionModel = new EmotionModelService(onnx, settings)
  const emotionNotice = await emotionModel.restore()
  const memoryNotice = [startNotice(opened.rebuilt, chosen.notice), emotionNotice].filter(Boolean).join(' ') || null
  // Order matters for the injected context: memories, then triggered lore, then the user's tone last.
  const memoryHooks = createMemoryHooks({
    memory: opened.memory,
    repository: opened.repository,
    runtime,
    settings,
    messages,
    background,
    db,
    loadScope
  })
  const hooks = combineHooks(
    memoryHooks,
    createLorebookHooks({
      lorebooks,
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
        opened.memory.addFacts({ ...moment, facts: [{ kind: 'event', subject: null, importance: 0.7, text }] }),
      events,
      background
    })
  )
  const autoBackup = new AutoBackup({
    source: { db, dataDir: config.dataDir, modelsDir: config.modelsDir, appVersion: config.version },
    dir: join(config.dataDir, BACKUPS_DIR),
    keep: () => settings.get().autoBackupKeep,
    background
  })
  autoBackup.start()
  const HISTORY_PENDING = 'memoryHistoryPending'
  const history = new HistoryIngest({
    memory: opened.memory,
    repository: opened.repository,
    loadChat: (chatId) => {
      const found = chats.get(chatId)
      const listeners =
        found.groupId !== null ? cast.load(found.groupId).members : [characters.get(found.characterId ?? '')]
      return {
        chat: found,
        messages: messages.list(chatId),
        userName: users.get(found.userId).name,
        listeners: listeners.map((c) => ({ id: c.id, name: c.name }))
      }
    },
    whenChatIdle: () => runtime.whenChatIdle(),
    setPending: (chatId, isPending) => {
      const metadata = chats.metadata(chatId)
      chats.setMetadata(chatId, { ...metadata, [HISTORY_PENDING]: isPending })
    },
    onProgress: (status) => {
      events.emit('memory.historyProgress', status)
      if (status.state === 'done') events.emit('memory.changed', { characterId: status.characterId })
    },
    run: (label, job) => background.run(label, job)
  })
  // Histories interrupted by a quit go on where they stopped.
  for (const chatId of chats.idsFlagged(HISTORY_PENDING)) history.start(chatId)
  const chatInterop = new ChatInterop({
    db,
    users,
    characters,
    chats,
    messages,
    cast,
    // After the import's transaction: an archive's rolled-back chat is simply not found by then. A group chat's
    // history goes to every member's memories.
    onImported: (imported) => queueMicrotask(() => startHistory(imported.id))
  })
  const startHistory = (chatId: string): void => {
    try {
      history.start(chatId)
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error
    }
  }
  const characterService = new CharacterService({
    repository: characters,
    generator: new CharacterGenerator(runtime),
    events,
    userId: user.id,
    avatars: new AvatarStore(join(config.dataDir, 'avatars')),
    settings,
    attachedLorebooks: (characterId) => lorebooks.cardBooksFor(characterId),
    stores: {
      db,
      users,
      // Backyard lore items become a first-class lorebook of the character.
      importLore: (characterId, lore) => {
        const book = lorebooks.importDraft({
          name: lore.name,
          description: 'Imported from a Backyard AI archive',
          scanDepth: null,
          tokenBudget: null,
          isRecursive: true,
          entries: lore.entries.map((entry, uid) => ({ ...defaultLoreEntry(uid), ...entry, isSelective: false })),
          extra: {}
        })
        lorebooks.attach(book.id, { kind: 'character', characterId }, true)
      },
      // Backyard archives bring chats: they go in through the chat importer, inside the character's transaction.
      importChat: (characterId, chat) =>
        chatInterop.importMessages(characterId, {
          title: chat.title,
          createdAt: null,
          metadata: { source: 'backyard', ...(chat.settings ? { backyard: chat.settings } : {}) },
          messages: chat.messages.map((m) => ({
            role: m.role,
            content: m.swipes[m.swipeIndex] ?? '',
            swipes: m.swipes.length > 1 ? m.swipes : [],
            swipeIndex: m.swipes.length > 1 ? m.swipeIndex : 0,
            createdAt: m.createdAt,
            metadata: {}
          }))
        })
    },
    onDeleting: (characterId) => {
      chat.stopCharacter(characterId)
      groups.removeCharacter(characterId)
    },
    // Its SQLite rows go with the character (foreign keys); the vector index is not in SQLite.
    onDeleted: (characterId) => opened.memory.dropOwner({ characterId, userId: user.id })
  })
  const voice = new VoiceService({
    library: new VoiceModelLibrary(
      join(config.modelsDir, VOICE_MODELS_SUBDIR),
      join(config.dataDir, 'voice-models.json')
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
  const embeddingSwitcher = new EmbeddingModelSwitcher(() => ({
    memory: opened.memory,
    sources: { ...embedderSources, onnxDtype: settings.get().onnxDtype },
    settings,
    bundled: embedder,
    indexDir: join(config.dataDir, 'memory-index'),
    onProgress: onReindexProgress
  }))

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
    models: new ModelService({ runtime, library, modelSettings, events }),
    downloads,
    voice,
    background,
    memoryNotice,
    switchEmbeddingModel: (path) => embeddingSwitcher.switch(path),
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
