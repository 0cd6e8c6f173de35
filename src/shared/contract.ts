/**
 * THE contract between the renderer and the main-process services.
 *
 * Every call is `namespace.method(input) -> Promise<result>`, takes one plain-JSON object and returns plain
 * JSON. The preload (Electron) and the HTTP shim (`npm run serve`) both build `window.api` from
 * `API_METHODS`; `src/main/ipc/handlers.ts` implements `Api` in plain Node.
 */
import type { ErrorInfo } from './errors'
import type {
  AppApi,
  BackupApi,
  CharactersApi,
  CharactersEvents,
  ChatApi,
  ChatEvents,
  LorebooksApi,
  MemoryApi,
  MemoryEvents,
  ModelsApi,
  ModelsEvents,
  PairingApi,
  ProfilesApi,
  SettingsApi,
  VoiceApi,
  VoiceEvents,
  GroupsApi,
  GroupsEvents
} from './contract/index'

export * from './contract/index'

/** The whole API, grouped by capability; each namespace is declared in ./contract/<namespace>.ts. */
export interface Api {
  app: AppApi
  pairing: PairingApi
  models: ModelsApi
  characters: CharactersApi
  profiles: ProfilesApi
  chat: ChatApi
  memory: MemoryApi
  backup: BackupApi
  lorebooks: LorebooksApi
  settings: SettingsApi
  voice: VoiceApi
  groups: GroupsApi
}

/** Events pushed from main to the renderer, with their payloads. */
export interface ApiEvents
  extends ChatEvents, CharactersEvents, ModelsEvents, MemoryEvents, VoiceEvents, GroupsEvents {}

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
  'chat.speak',
  'chat.messages',
  'chat.search',
  'chat.moods',
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
  'settings.update',
  'voice.models',
  'voice.addModel',
  'voice.removeModel',
  'voice.synthesize',
  'voice.cancel',
  'voice.transcribe',
  'voice.listenStart',
  'voice.listenChunk',
  'voice.listenStop',
  'groups.list',
  'groups.get',
  'groups.create',
  'groups.update',
  'groups.delete',
  'groups.import'
] as const satisfies readonly ApiMethod[]

type MissingMethods = Exclude<ApiMethod, (typeof API_METHODS)[number]>
export const API_METHODS_COMPLETE: [MissingMethods] extends [never] ? true : MissingMethods = true

export const API_EVENTS = [
  'chat.replyStarted',
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
  'memory.historyProgress',
  'voice.speech',
  'voice.transcript',
  'voice.error',
  'groups.changed'
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
