/**
 * THE contract between the renderer and the main-process services.
 *
 * Every call is `namespace.method(input) -> Promise<result>`, takes one plain-JSON object and returns plain
 * JSON. The preload (Electron) and the HTTP shim (`npm run serve`) both build `window.api` from
 * `API_METHODS`; `src/main/ipc/handlers.ts` implements `Api` in plain Node.
 */
import type {
  Character,
  CharacterDraft,
  Chat,
  EmotionClassifierChoice,
  EmotionReading,
  GgufMetadata,
  LorebookAttachment,
  LorebookData,
  LorebookSummary,
  LoreEntry,
  UsedLoreEntry,
  LoraRef,
  ModelSettings,
  Memory,
  ModelDownload,
  RecommendedModel,
  OnnxDtype,
  TraitSliders,
  Message,
  MessageRole,
  ModelStatus,
  PairingStatus,
  SamplingSettings,
  UserProfile
} from './domain'
import type { ErrorInfo } from './errors'

export interface AppInfoResult {
  version: string
  dataDir: string
  modelsDir: string
  transport: 'electron' | 'http'
  /** Something to tell the user once at start (e.g. a rebuilt memory index), or null. */
  notice: string | null
}

export interface ModelPathInput {
  /** Absolute path to a .gguf file. */
  path: string
}

export interface ModelLoadInput extends ModelPathInput {
  /** Context window in tokens; omitted means "as large as fits, up to the app's cap". */
  contextSize?: number
}

export interface ModelSettingsInput extends ModelPathInput {
  settings: Partial<ModelSettings>
}

export interface ModelDownloadInput {
  /** https URL or hf:<user>/<repo>/<file.gguf> */
  url: string
  fileName?: string
  sha256?: string
}

export interface LorasInput {
  /** Adapters applied to the loaded model for characters without their own. */
  loras: LoraRef[]
}

/** Fine-tuning file formats (chat.exportDataset). */
export const DATASET_FORMATS = ['openai-jsonl', 'sharegpt', 'chatml'] as const
export type DatasetFormat = (typeof DATASET_FORMATS)[number]

export interface DatasetExportInput {
  characterId: string
  chatIds: string[]
  format: DatasetFormat
}

export interface IdInput {
  id: string
}

export interface CharacterCreateInput {
  draft: CharacterDraft
}

export interface CharacterUpdateInput {
  id: string
  patch: Partial<CharacterDraft>
}

export interface CharacterGenerateInput {
  /** Chosen by the caller so progress events and cancel can name this generation. */
  requestId: string
  prompt: string
  sliders: TraitSliders
}

/** Fields the generator can write again on their own (the generator's JSON schema has exactly these). */
export const GENERATABLE_FIELDS = [
  'name',
  'tagline',
  'age',
  'species',
  'appearance',
  'backstory',
  'traits',
  'goals',
  'quirks',
  'likes',
  'dislikes',
  'speakingStyle',
  'firstMessage',
  'exampleDialogue'
] as const
export type GeneratableField = (typeof GENERATABLE_FIELDS)[number]

export interface CharacterGenerateFieldInput {
  requestId: string
  prompt: string
  draft: CharacterDraft
  field: GeneratableField
}

/** `charx`: a Character Card V3 zip with the avatar, expressions and kept assets. */
export const CARD_FORMATS = ['png-v2', 'png-v3', 'json-v2', 'json-v3', 'charx'] as const
export type CardFormat = (typeof CARD_FORMATS)[number]

/** A file crossing the contract: its name and bytes as base64 (drag and drop, file picker and HTTP share one shape). */
export interface FileInput {
  fileName: string
  dataBase64: string
}

export interface CharacterExportInput {
  id: string
  format: CardFormat
}

export interface CharacterAvatarInput {
  id: string
  /** The new picture, or null to go back to the generated avatar. */
  image: FileInput | null
}

export interface CharacterAvatarQuery {
  id: string
  /** The current emotion: its expression image is returned when the character has one. */
  emotion?: { label: string; fineLabel: string }
}

export interface ExpressionInput {
  id: string
  /** A GoEmotions label ("admiration") or a mood ("joy"). */
  label: string
  image: FileInput | null
}

export interface ExpressionPackInput {
  id: string
  /** Image files named after emotion labels, as SillyTavern expression packs are. */
  files: FileInput[]
}

export interface ExpressionPackResult {
  character: Character
  /** Files whose names are not emotion labels. */
  skipped: string[]
}

export interface DataUrlResult {
  dataUrl: string
}

export interface RequestIdInput {
  requestId: string
}

export interface DeleteResult {
  isDeleted: boolean
}

export interface CharacterIdInput {
  characterId: string
}

export interface ChatIdInput {
  chatId: string
}

export interface ChatMessagesInput {
  chatId: string
  /** A page's `olderCursor`: the page of messages just before it. */
  before?: string
  /** A page's `newerCursor`: the page of messages just after it. */
  after?: string
  /** A message id: the page around that message (jumping to a search hit or a memory's source). */
  around?: string
  /** Messages per page, 1-200; 50 if not given. */
  limit?: number
}

/**
 * A page of one chat's messages, in reading order (oldest first). Without a cursor it is the newest page. Cursors are
 * positions, not message ids, so deleting or adding messages between requests leaves no gap and repeats nothing.
 */
export interface MessagePage {
  messages: Message[]
  /** Whether older messages exist; then `olderCursor` pages back to them. */
  hasOlder: boolean
  hasNewer: boolean
  olderCursor: string | null
  newerCursor: string | null
}

export interface ChatSearchInput {
  /** Words to find; typed as the user types them (quotes, operators and brackets are plain text). */
  query: string
  /** Only this character's chats. */
  characterId?: string
  /** At most this many hits, 1-100; 20 if not given. */
  limit?: number
}

/** A snippet's text in pieces; the pieces with `isHit` are the words that matched. */
export interface SnippetPart {
  text: string
  isHit: boolean
}

/** A message that matched a search, newest first. */
export interface ChatSearchHit {
  chatId: string
  chatTitle: string
  messageId: string
  characterId: string
  role: MessageRole
  createdAt: string
  snippet: SnippetPart[]
}

export interface ChatCreateInput {
  characterId: string
  title?: string
}

export interface ChatSendInput {
  chatId: string
  text: string
  /** Chosen by the caller (as characters.generate's requestId), so its events can be matched from the first one. */
  streamId: string
}

export interface ReplyStreamInput {
  chatId: string
  /** Chosen by the caller, so its events can be matched from the first one. */
  streamId: string
}

export interface ChatSendResult {
  streamId: string
  userMessageId: string
}

export interface ReplyStreamResult {
  streamId: string
  /** The assistant message being written. */
  messageId: string
}

/**
 * Deleting a message also deletes the memories it was the only source of; `keepMemories` keeps them instead,
 * marked as orphaned (Memory.isOrphaned).
 */
export interface DeleteMessageInput {
  messageId: string
  keepMemories?: boolean
}

/** Deleting a chat treats each of its messages as DeleteMessageInput does. */
export interface DeleteChatInput {
  chatId: string
  keepMemories?: boolean
}

export interface MessageIdInput {
  messageId: string
}

export interface MessageSwipeInput {
  messageId: string
  index: number
}

export interface MessageEditInput {
  messageId: string
  content: string
}

export interface ChatImportInput extends FileInput {
  /** The character the chat goes to (the user picks it; the one named in the file is preselected). */
  characterId: string
}

export type ChatExportFormat = 'st-jsonl' | 'markdown' | 'text'

export interface ChatExportInput {
  chatId: string
  format: ChatExportFormat
}

export interface ChatRenameInput {
  chatId: string
  title: string
}

export interface MemoryListInput {
  characterId: string
  /** current: true now; past: retired by newer facts; summaries: session summaries. */
  state: 'current' | 'past' | 'summaries' | 'all'
  /** Search text; results then come best match first. */
  query?: string
  /** A page of the list (newest first): at most `limit` memories (1-500) after skipping `offset`. */
  limit?: number
  offset?: number
}

export interface MemoryUpdateInput {
  id: string
  text: string
}

export interface MemoryPinInput {
  id: string
  isPinned: boolean
}

/** How far an imported chat's history has been read into long-term memory (user turns). */
export interface HistoryIngestStatus {
  chatId: string
  characterId: string
  done: number
  total: number
  state: 'running' | 'done' | 'cancelled' | 'failed'
}

export interface EmbeddingModelInput {
  path: string | null
}

export interface EmbeddingModelResult {
  embedderId: string
  /** Memories re-embedded. */
  count: number
}

export interface EmotionModelInput {
  /** An ONNX text-classification model folder (Hugging Face layout); null = back to the bundled classifier. */
  path: string | null
}

export interface EmotionModelResult {
  /** The loaded model's id; null when none is. */
  modelId: string | null
  /** The model's own labels, in id order. */
  labels: string[]
}

export interface MemoryShareInput {
  ids: string[]
  /** The character to share them with. */
  characterId: string
}

export interface IdsInput {
  ids: string[]
}

export interface StreamIdInput {
  streamId: string
}

export interface StreamingResult {
  isStreaming: boolean
}

export interface CancelResult {
  isCancelled: boolean
}

export interface ProfileUpdateInput {
  name?: string
  description?: string
}

export interface BackupCreateInput {
  /** Desktop app only: where to write the archive (a save dialog asks when omitted). Browser mode downloads it. */
  path?: string
}

export interface BackupResult {
  fileName: string
  sizeBytes: number
  createdAt: string
  /** Desktop app: where the archive was written. */
  path: string | null
  /** Browser mode: the archive itself, to save as a download. */
  dataBase64: string | null
}

export interface BackupRestoreInput {
  /** Desktop app only: the archive's path (an open dialog asks when neither this nor `file` is given). */
  path?: string
  /** Browser mode: the uploaded archive. */
  file?: FileInput
}

export interface BackupRestoreResult {
  /** When the restored backup was made, and by which version of the app. */
  createdAt: string
  appVersion: string
  characters: number
}

export type LorebookExportFormat = 'st-worldinfo' | 'card-book'

/** An entry to change (with its id) or to add (without one). */
export type LoreEntryInput = Omit<LoreEntry, 'id'> & { id?: string }

export interface LorebookUpdateInput {
  id: string
  name?: string
  description?: string
  scanDepth?: number | null
  tokenBudget?: number | null
  isRecursive?: boolean
  upsertEntries?: LoreEntryInput[]
  deleteEntryIds?: string[]
}

export interface LorebookCreateInput {
  name: string
}

export interface LorebookExportInput {
  id: string
  format: LorebookExportFormat
}

export interface LorebookAttachInput {
  id: string
  target: LorebookAttachment
  /** false detaches. */
  isAttached: boolean
}

/** User-level settings kept in SQLite. */
export interface AppSettings {
  sampling: SamplingSettings
  /** Token budget for retrieved memories in the prompt. */
  memoryTokenBudget: number
  /** Extra stop strings on top of the automatic "{{user}}:" stops. */
  stopStrings: string[]
  /** Also ask the loaded model for facts after each reply (rules always run). */
  isModelMemoryExtractionOn: boolean
  /** The user's own local Stable Diffusion server for avatars; null = off (the default). */
  imageServer: { baseUrl: string; kind: 'a1111' | 'comfyui' } | null
  /** A GGUF embedding model file or an ONNX feature-extraction model folder for memory; null = the bundled potion-base-2M. */
  embeddingModelPath: string | null
  /** The ONNX emotion model folder used when emotionClassifier is 'onnx'. */
  emotionModelPath: string | null
  /** Which weights file of an ONNX model folder loads. */
  onnxDtype: OnnxDtype
  /** Who reads emotions; 'chat-model' refines the built-in reading in the background and falls back to it. */
  emotionClassifier: EmotionClassifierChoice
  /** Automatic daily backups kept in the data folder's backups/ (the oldest are deleted); 0 turns them off. */
  autoBackupKeep: number
}

export type SettingsUpdateInput = {
  isModelMemoryExtractionOn?: boolean
  imageServer?: AppSettings['imageServer']
  sampling?: Partial<SamplingSettings>
  memoryTokenBudget?: number
  stopStrings?: string[]
  emotionClassifier?: EmotionClassifierChoice
  onnxDtype?: OnnxDtype
  autoBackupKeep?: number
}

/** A one-time code to show as a QR code: the address a phone opens, with the pairing token in it. */
export interface PairingStartResult {
  url: string
  expiresAt: string
}

/** The whole API, grouped by capability. */
export interface Api {
  app: {
    info(input: Record<string, never>): Promise<AppInfoResult>
  }
  /** "Use on your phone": LAN access and paired devices. Refused over the LAN itself (a phone cannot pair others). */
  pairing: {
    status(input: Record<string, never>): Promise<PairingStatus>
    setLan(input: { isOn: boolean }): Promise<PairingStatus>
    start(input: Record<string, never>): Promise<PairingStartResult>
    revoke(input: IdInput): Promise<PairingStatus>
  }
  models: {
    list(input: Record<string, never>): Promise<GgufMetadata[]>
    inspect(input: ModelPathInput): Promise<GgufMetadata>
    load(input: ModelLoadInput): Promise<ModelStatus>
    unload(input: Record<string, never>): Promise<ModelStatus>
    status(input: Record<string, never>): Promise<ModelStatus>
    /** Adds a GGUF from anywhere on disk to the list. */
    add(input: ModelPathInput): Promise<GgufMetadata>
    remove(input: ModelPathInput): Promise<DeleteResult>
    recommended(input: Record<string, never>): Promise<RecommendedModel[]>
    download(input: ModelDownloadInput): Promise<ModelDownload>
    downloads(input: Record<string, never>): Promise<ModelDownload[]>
    pauseDownload(input: IdInput): Promise<ModelDownload>
    resumeDownload(input: IdInput): Promise<ModelDownload>
    cancelDownload(input: IdInput): Promise<ModelDownload>
    setLoras(input: LorasInput): Promise<ModelStatus>
    /** Context size, GPU layers, chat template and sampling kept for one model file (family defaults at first). */
    getSettings(input: ModelPathInput): Promise<ModelSettings>
    updateSettings(input: ModelSettingsInput): Promise<ModelSettings>
    /** Loads an ONNX emotion model (its labels mapped to the app's) and reads new messages with it. */
    setEmotionModel(input: EmotionModelInput): Promise<EmotionModelResult>
  }
  characters: {
    list(input: Record<string, never>): Promise<Character[]>
    get(input: IdInput): Promise<Character>
    create(input: CharacterCreateInput): Promise<Character>
    update(input: CharacterUpdateInput): Promise<Character>
    delete(input: IdInput): Promise<DeleteResult>
    duplicate(input: IdInput): Promise<Character>
    /** Writes a whole profile from a prompt; nothing is saved. Progress: `characters.generateProgress`. */
    generate(input: CharacterGenerateInput): Promise<CharacterDraft>
    generateField(input: CharacterGenerateFieldInput): Promise<Partial<CharacterDraft>>
    cancelGeneration(input: RequestIdInput): Promise<CancelResult>
    /** Character Card V1/V2/V3 (PNG, JSON or CHARX) or a Backyard archive (.byaf, with its chats) in; the saved character out. */
    importCard(input: FileInput): Promise<Character>
    exportCard(input: CharacterExportInput): Promise<FileInput>
    setAvatar(input: CharacterAvatarInput): Promise<Character>
    avatar(input: CharacterAvatarQuery): Promise<DataUrlResult>
    setExpression(input: ExpressionInput): Promise<Character>
    importExpressions(input: ExpressionPackInput): Promise<ExpressionPackResult>
    /** A new avatar from the configured local Stable Diffusion server, from the profile's image prompt. */
    generateAvatar(input: IdInput): Promise<Character>
  }
  profiles: {
    get(input: Record<string, never>): Promise<UserProfile>
    update(input: ProfileUpdateInput): Promise<UserProfile>
  }
  chat: {
    list(input: CharacterIdInput): Promise<Chat[]>
    create(input: ChatCreateInput): Promise<Chat>
    /** One page of a chat's messages: the newest by default, or before/after a cursor, or around a message. */
    messages(input: ChatMessagesInput): Promise<MessagePage>
    /** Finds words in every chat (or one character's), newest first, with highlighted snippets. */
    search(input: ChatSearchInput): Promise<ChatSearchHit[]>
    send(input: ChatSendInput): Promise<ChatSendResult>
    cancel(input: StreamIdInput): Promise<CancelResult>
    /** Whether a reply is still being written: how a view that missed the stream's end event finds out it ended. */
    isStreaming(input: StreamIdInput): Promise<StreamingResult>
    /** A new version of the last reply; the old one stays as a swipe. */
    regenerate(input: ReplyStreamInput): Promise<ReplyStreamResult>
    /** Continues the last reply where it stopped. */
    continue(input: ReplyStreamInput): Promise<ReplyStreamResult>
    swipe(input: MessageSwipeInput): Promise<Message>
    editMessage(input: MessageEditInput): Promise<Message>
    deleteMessage(input: DeleteMessageInput): Promise<DeleteResult>
    rename(input: ChatRenameInput): Promise<Chat>
    delete(input: DeleteChatInput): Promise<DeleteResult>
    /** The chosen chats as a fine-tuning dataset, the persona as system message. */
    exportDataset(input: DatasetExportInput): Promise<FileInput>
    /** A SillyTavern chat (.jsonl) as a new chat of the character, all or nothing; its history then feeds memory. */
    import(input: ChatImportInput): Promise<Chat>
    /** A chat as SillyTavern .jsonl (which SillyTavern opens again), Markdown or plain text. */
    export(input: ChatExportInput): Promise<FileInput>
  }
  memory: {
    list(input: MemoryListInput): Promise<Memory[]>
    /** The memories with these ids that still exist (e.g. those a reply used). */
    get(input: IdsInput): Promise<Memory[]>
    update(input: MemoryUpdateInput): Promise<Memory>
    delete(input: IdInput): Promise<DeleteResult>
    pin(input: MemoryPinInput): Promise<Memory>
    /** Copies memories to another character (the user shares them); returns the copies made. */
    share(input: MemoryShareInput): Promise<Memory[]>
    /** Reads a chat's history (an imported one) into memory in the background, resuming where it stopped. */
    importHistory(input: ChatIdInput): Promise<HistoryIngestStatus>
    cancelHistory(input: ChatIdInput): Promise<HistoryIngestStatus>
    /** null when the chat's history is not being read now. */
    historyStatus(input: ChatIdInput): Promise<HistoryIngestStatus | null>
    /** Switches the embedding model (null = bundled) and re-embeds every memory; progress: memory.reindexProgress. */
    setEmbeddingModel(input: EmbeddingModelInput): Promise<EmbeddingModelResult>
  }
  backup: {
    /** One archive of everything (database, pictures, settings), consistent while the app runs. */
    create(input: BackupCreateInput): Promise<BackupResult>
    /** Replaces all data with a backup's, after checking it completely; on failure nothing changes. */
    restore(input: BackupRestoreInput): Promise<BackupRestoreResult>
  }
  lorebooks: {
    list(input: Record<string, never>): Promise<LorebookSummary[]>
    get(input: IdInput): Promise<LorebookData>
    create(input: LorebookCreateInput): Promise<LorebookData>
    /** SillyTavern World Info, a card (JSON/PNG) or bare character_book, or a NovelAI .lorebook; all or nothing. */
    import(input: FileInput): Promise<LorebookData>
    update(input: LorebookUpdateInput): Promise<LorebookData>
    delete(input: IdInput): Promise<DeleteResult>
    /** Back to SillyTavern World Info, or as a card's character_book. */
    export(input: LorebookExportInput): Promise<FileInput>
    /** To a character, one chat, or every chat (global), as in SillyTavern; or detached. */
    attach(input: LorebookAttachInput): Promise<LorebookData>
    /** The lore entries a reply used (its user message's loreEntryIds). */
    usedEntries(input: IdsInput): Promise<UsedLoreEntry[]>
  }
  settings: {
    get(input: Record<string, never>): Promise<AppSettings>
    update(input: SettingsUpdateInput): Promise<AppSettings>
  }
}

/** Events pushed from main to the renderer, with their payloads. */
export interface ApiEvents {
  'chat.token': { streamId: string; chatId: string; seq: number; text: string }
  'chat.done': { streamId: string; chatId: string; message: Message }
  'chat.error': { streamId: string; chatId: string; error: ErrorInfo; message: Message | null }
  'chat.emotion': { chatId: string; messageId: string; emotion: EmotionReading }
  'characters.generateProgress': { requestId: string; partial: Partial<CharacterDraft> }
  'models.progress': { path: string; progress: number }
  'models.status': ModelStatus
  'models.download': ModelDownload
  /** Something a character remembers was added, changed or removed. */
  'memory.changed': { characterId: string }
  /** Something the user should know about memory (e.g. the index was rebuilt after damage). */
  'memory.notice': { message: string }
  'memory.reindexProgress': { progress: number }
  /** An imported chat's history being read into memory. */
  'memory.historyProgress': HistoryIngestStatus
}

export type Namespace = keyof Api
export type ApiMethod = { [N in Namespace]: `${N}.${keyof Api[N] & string}` }[Namespace]
export type ApiEventName = keyof ApiEvents

type MethodOf<M extends ApiMethod> = M extends `${infer N extends Namespace}.${infer F}`
  ? F extends keyof Api[N]
    ? Api[N][F]
    : never
  : never

export type MethodInput<M extends ApiMethod> = MethodOf<M> extends (input: infer I) => unknown ? I : never
export type MethodResult<M extends ApiMethod> = MethodOf<M> extends (input: never) => Promise<infer R> ? R : never

/** What crosses the wire for every call. */
export type WireResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

/** Every method, once. Typecheck fails if a method of `Api` is missing here. */
export const API_METHODS = [
  'app.info',
  'pairing.status',
  'pairing.setLan',
  'pairing.start',
  'pairing.revoke',
  'models.list',
  'models.inspect',
  'models.load',
  'models.unload',
  'models.status',
  'models.add',
  'models.remove',
  'models.recommended',
  'models.download',
  'models.downloads',
  'models.pauseDownload',
  'models.resumeDownload',
  'models.cancelDownload',
  'models.setLoras',
  'models.getSettings',
  'models.updateSettings',
  'models.setEmotionModel',
  'characters.list',
  'characters.get',
  'characters.create',
  'characters.update',
  'characters.delete',
  'characters.duplicate',
  'characters.generate',
  'characters.generateField',
  'characters.cancelGeneration',
  'characters.importCard',
  'characters.exportCard',
  'characters.setAvatar',
  'characters.avatar',
  'characters.generateAvatar',
  'characters.setExpression',
  'characters.importExpressions',
  'profiles.get',
  'profiles.update',
  'chat.list',
  'chat.create',
  'chat.messages',
  'chat.search',
  'chat.send',
  'chat.cancel',
  'chat.isStreaming',
  'chat.regenerate',
  'chat.continue',
  'chat.swipe',
  'chat.editMessage',
  'chat.deleteMessage',
  'chat.rename',
  'chat.delete',
  'chat.exportDataset',
  'chat.import',
  'chat.export',
  'memory.list',
  'memory.get',
  'memory.update',
  'memory.delete',
  'memory.pin',
  'memory.share',
  'memory.setEmbeddingModel',
  'memory.importHistory',
  'memory.cancelHistory',
  'memory.historyStatus',
  'backup.create',
  'backup.restore',
  'lorebooks.list',
  'lorebooks.get',
  'lorebooks.create',
  'lorebooks.import',
  'lorebooks.update',
  'lorebooks.delete',
  'lorebooks.export',
  'lorebooks.attach',
  'lorebooks.usedEntries',
  'settings.get',
  'settings.update'
] as const satisfies readonly ApiMethod[]

type MissingMethods = Exclude<ApiMethod, (typeof API_METHODS)[number]>
export const API_METHODS_COMPLETE: [MissingMethods] extends [never] ? true : MissingMethods = true

export const API_EVENTS = [
  'chat.token',
  'chat.done',
  'chat.error',
  'chat.emotion',
  'characters.generateProgress',
  'models.progress',
  'models.status',
  'models.download',
  'memory.changed',
  'memory.notice',
  'memory.reindexProgress',
  'memory.historyProgress'
] as const satisfies readonly ApiEventName[]

type MissingEvents = Exclude<ApiEventName, (typeof API_EVENTS)[number]>
export const API_EVENTS_COMPLETE: [MissingEvents] extends [never] ? true : MissingEvents = true

/** The shape of `window.api` that the preload and the HTTP shim both install. */
export type BridgeApi = {
  [N in Namespace]: {
    [F in keyof Api[N]]: Api[N][F] extends (input: infer I) => Promise<infer R>
      ? (input: I) => Promise<WireResult<R>>
      : never
  }
} & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
  /** Electron only: the absolute path of a picked or dropped file (browsers do not reveal paths). */
  pathForFile?: (file: object) => string
}

/** IPC channel of a method in Electron. */
export function channelOf(method: ApiMethod): string {
  return `api:${method}`
}

export const EVENT_CHANNEL = 'api:event'
