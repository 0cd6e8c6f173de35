import type { AppInfoResult } from '../../shared/contract'
import type { AutoBackup } from '../backup/AutoBackup'
import type { CharacterService } from '../characters/CharacterService'
import type { ChatService } from '../chat/ChatService'
import type { ChatInterop } from '../chat/interop/ChatInterop'
import type { AppConfig } from '../config'
import type { Db } from '../db/openDatabase'
import type { CharacterRepository } from '../db/repositories/CharacterRepository'
import type { ChatRepository } from '../db/repositories/ChatRepository'
import type { MemoryRepository } from '../db/repositories/MemoryRepository'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { MessageSearch } from '../db/repositories/MessageSearch'
import type { UserRepository } from '../db/repositories/UserRepository'
import type { EmotionClassifier } from '../emotion/EmotionClassifier'
import type { EmotionModelService } from '../emotion/EmotionModelService'
import type { GroupService } from '../groups/GroupService'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { GenerationResult } from '../llm/types'
import type { LorebookService } from '../lorebooks/LorebookService'
import type { HistoryIngest } from '../memory/HistoryIngest'
import type { MemoryIndex } from '../memory/MemoryIndex'
import type { MemoryService } from '../memory/MemoryService'
import type { DownloadService } from '../models/DownloadService'
import type { ModelFileStore } from '../models/ModelFileStore'
import type { ModelService } from '../models/ModelService'
import type { ModelSettingsService } from '../settings/ModelSettingsService'
import type { ProfileService } from '../settings/ProfileService'
import type { SettingsService } from '../settings/SettingsService'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import type { EventBus } from '../util/EventBus'
import type { VoiceService } from '../voice/VoiceService'

/** Everything createCore builds: what the handlers, the shells and the tests reach. */
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
  library: ModelFileStore
  modelSettings: ModelSettingsService
  models: ModelService
  downloads: DownloadService
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
