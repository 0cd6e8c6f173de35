/** Domain types shared by main and renderer. Plain JSON only: dates are ISO strings. */

/** The bipolar trait axes; 0 is the left pole, 100 the right pole. */
export const TRAIT_AXES = [
  { key: 'extraversion', low: 'introverted', high: 'extroverted' },
  { key: 'boldness', low: 'shy', high: 'bold' },
  { key: 'playfulness', low: 'serious', high: 'playful' },
  { key: 'sarcasm', low: 'gentle', high: 'sarcastic' },
  { key: 'emotionality', low: 'logical', high: 'emotional' },
  { key: 'casualness', low: 'formal', high: 'casual' },
  { key: 'energy', low: 'calm', high: 'energetic' }
] as const

export type TraitAxis = (typeof TRAIT_AXES)[number]['key']

/** Slider values 0..100 per axis. */
export type TraitSliders = Record<TraitAxis, number>

export function defaultSliders(): TraitSliders {
  return {
    extraversion: 50,
    boldness: 50,
    playfulness: 50,
    sarcasm: 50,
    emotionality: 50,
    casualness: 50,
    energy: 50
  }
}

/** One keyword-triggered lorebook entry (Character Card V2 `character_book` entry). */
export interface LorebookEntry {
  keys: string[]
  secondaryKeys: string[]
  content: string
  comment: string
  isEnabled: boolean
  isConstant: boolean
  isSelective: boolean
  insertionOrder: number
  caseSensitive: boolean
  /** Fields of the card entry we do not model, written back on export. */
  extra: Record<string, unknown>
}

export interface Lorebook {
  name: string
  description: string
  scanDepth: number | null
  tokenBudget: number | null
  isRecursive: boolean
  entries: LorebookEntry[]
  extra: Record<string, unknown>
}

/** A LoRA adapter attached to a character or to the loaded model. */
export interface LoraRef {
  path: string
  /** 0..1 */
  scale: number
}

/**
 * A Character Card V3 asset kept with the character (a CHARX background, sound, an emotion image under a name the
 * app has no label for, ...), so exporting the character gives it back. `file` is in the data folder; `uri` is
 * kept for assets that were links (https, data:, ccdefault:).
 */
export interface CharacterAsset {
  type: string
  name: string
  ext: string
  file: string | null
  uri: string | null
}

/** A character profile. Every text field stays user-editable. */
export interface Character {
  id: string
  userId: string
  name: string
  tagline: string
  age: string
  species: string
  appearance: string
  backstory: string
  traits: string[]
  goals: string[]
  quirks: string[]
  likes: string[]
  dislikes: string[]
  speakingStyle: string
  scenario: string
  firstMessage: string
  alternateGreetings: string[]
  exampleDialogue: string
  systemPrompt: string
  postHistoryInstructions: string
  creatorNotes: string
  creator: string
  characterVersion: string
  tags: string[]
  sliders: TraitSliders
  /** Anime/booru-style tags for image generators. */
  imagePrompt: string
  /** File name of the avatar inside the app's avatars folder, or null for the generated default. */
  avatarFile: string | null
  /** Expression images by emotion label (GoEmotions or mood names, as SillyTavern packs use), in the avatars folder. */
  expressions: Record<string, string>
  /** Other card assets (CHARX), written back on export. */
  assets: CharacterAsset[]
  lorebook: Lorebook | null
  loras: LoraRef[]
  /** Unknown card `data.extensions` keys and other foreign card data, kept for export. */
  cardExtensions: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

/** The fields a user or generator supplies; ids and times are the store's. */
export type CharacterDraft = Omit<Character, 'id' | 'userId' | 'createdAt' | 'updatedAt'>

/** The person chatting: name and a short self-description used in prompts ({{user}}). */
export interface UserProfile {
  id: string
  name: string
  description: string
}

export interface Chat {
  id: string
  characterId: string
  userId: string
  title: string
  /** Messages in the chat now. */
  messageCount: number
  createdAt: string
  updatedAt: string
}

export type MessageRole = 'user' | 'assistant' | 'system'

/** streaming: being written; complete: finished; cancelled: stopped by the user; error: generation failed. */
export type MessageStatus = 'streaming' | 'complete' | 'cancelled' | 'error'

export const EMOTIONS = ['joy', 'sadness', 'anger', 'fear', 'surprise', 'disgust', 'love', 'neutral'] as const
export type Emotion = (typeof EMOTIONS)[number]

/** GoEmotions' 27 emotions + neutral, in the dataset's id order (emotions.txt); expression images use these names. */
export const FINE_LABELS = [
  'admiration',
  'amusement',
  'anger',
  'annoyance',
  'approval',
  'caring',
  'confusion',
  'curiosity',
  'desire',
  'disappointment',
  'disapproval',
  'disgust',
  'embarrassment',
  'excitement',
  'fear',
  'gratitude',
  'grief',
  'joy',
  'love',
  'nervousness',
  'optimism',
  'pride',
  'realization',
  'relief',
  'remorse',
  'sadness',
  'surprise',
  'neutral'
] as const

export type FineLabel = (typeof FINE_LABELS)[number]

/**
 * Which classifier reads emotions: the bundled net (milliseconds, the default), the loaded chat model (in the
 * background), or an ONNX text-classification model the user added (in the ONNX worker, right after each message).
 */
export const EMOTION_CLASSIFIERS = ['builtin', 'chat-model', 'onnx'] as const
export type EmotionClassifierChoice = (typeof EMOTION_CLASSIFIERS)[number]

export interface EmotionReading {
  /** Coarse label used for moods and avatars. */
  label: Emotion
  confidence: number
  /** Finest label the classifier gives (a GoEmotions label), for expression sprites. */
  fineLabel: string
}

export interface Message {
  id: string
  chatId: string
  role: MessageRole
  content: string
  status: MessageStatus
  /** Alternative replies (regenerations); `content` is swipes[swipeIndex] when swipes exist. */
  swipes: string[]
  swipeIndex: number
  emotion: EmotionReading | null
  /** Ids of the memories that were in the prompt for this reply. */
  memoryIds: string[]
  /** Context placed before this user message in the prompt (memories, lore, tone), repeated verbatim in later prompts. */
  injectedContext: string
  /** Ids of the lorebook entries that fired for this user message (shown under the reply, like memories). */
  loreEntryIds: string[]
  /**
   * Fields from the app a message was imported from that we do not model (SillyTavern: `name`, `extra` with
   * `display_text` and `reasoning`, `swipe_info`, `send_date` as written...), given back on export.
   */
  metadata: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

export const MEMORY_KINDS = ['fact', 'preference', 'event', 'relationship', 'summary', 'message'] as const
export type MemoryKind = (typeof MEMORY_KINDS)[number]

export interface Memory {
  id: string
  characterId: string
  userId: string
  kind: MemoryKind
  text: string
  /** What the fact is about ("location", "job", "favourite food"); a newer fact on the same subject retires the old one. */
  subject: string | null
  /** Whose words or life it is about (a persona or character name); null when unknown. */
  speaker: string | null
  /** 0..1 */
  importance: number
  isPinned: boolean
  /** When the fact became true (message time); ISO. */
  validFrom: string
  /** When a newer fact retired it; null while current. */
  validTo: string | null
  supersededBy: string | null
  sourceMessageIds: string[]
  chatId: string | null
  /** The character this memory was shared from (a copy the user gave this character); null for its own. */
  sharedFrom: string | null
  /** Every message it came from was deleted, and the user chose to keep it. */
  isOrphaned: boolean
  createdAt: string
  updatedAt: string
}

export interface GgufMetadata {
  path: string
  fileName: string
  fileSizeBytes: number
  architecture: string
  name: string | null
  parameterCount: number | null
  quantization: string | null
  contextLength: number | null
  chatTemplate: string | null
  layerCount: number | null
  embeddingLength: number | null
  /** Estimated RAM/VRAM need at the default context size and whether this machine fits it. */
  estimatedRamBytes: number | null
  estimatedVramBytes: number | null
  fitsInMemory: boolean | null
}

export type ModelState = 'none' | 'loading' | 'loaded' | 'error'

export interface ModelStatus {
  state: ModelState
  path: string | null
  metadata: GgufMetadata | null
  contextSize: number | null
  gpu: string | false
  threads: number
  /** The chat template in use ('auto' = the model's own). */
  chatTemplate: string
  /** Layers offloaded to the GPU (0 on CPU). */
  gpuLayers: number | null
  loras: LoraRef[]
  error: string | null
}

/** Sampling settings users of local LLM apps expect. */
export interface SamplingSettings {
  temperature: number
  topP: number
  minP: number
  topK: number
  repeatPenalty: number
  presencePenalty: number
  frequencyPenalty: number
  dryMultiplier: number
  xtcProbability: number
  xtcThreshold: number
  maxTokens: number
  seed: number | null
}

export function defaultSampling(): SamplingSettings {
  return {
    temperature: 0.8,
    topP: 0.95,
    minP: 0.05,
    topK: 40,
    repeatPenalty: 1.1,
    presencePenalty: 0,
    frequencyPenalty: 0,
    dryMultiplier: 0,
    xtcProbability: 0,
    xtcThreshold: 0.1,
    maxTokens: 400,
    seed: null
  }
}

/** An empty profile with every field present; generators and importers fill it in. */
export function blankCharacterDraft(): CharacterDraft {
  return {
    name: '',
    tagline: '',
    age: '',
    species: '',
    appearance: '',
    backstory: '',
    traits: [],
    goals: [],
    quirks: [],
    likes: [],
    dislikes: [],
    speakingStyle: '',
    scenario: '',
    firstMessage: '',
    alternateGreetings: [],
    exampleDialogue: '',
    systemPrompt: '',
    postHistoryInstructions: '',
    creatorNotes: '',
    creator: '',
    characterVersion: '',
    tags: [],
    sliders: defaultSliders(),
    imagePrompt: '',
    avatarFile: null,
    expressions: {},
    assets: [],
    lorebook: null,
    loras: [],
    cardExtensions: {}
  }
}

export type DownloadState = 'downloading' | 'paused' | 'done' | 'failed' | 'cancelled'

export interface ModelDownload {
  id: string
  url: string
  fileName: string
  /** Where the finished file goes (the models folder). */
  path: string
  state: DownloadState
  receivedBytes: number
  totalBytes: number | null
  bytesPerSecond: number
  error: string | null
}

export interface RecommendedModel {
  name: string
  /** What it is for: a chat GGUF, or an ONNX model for the emotion reading or for memory embeddings. */
  job: 'chat' | 'emotion' | 'embeddings'
  /** hf:<user>/<repo>/<file.gguf>, or hf:<user>/<repo> for an ONNX model folder */
  uri: string
  sizeBytes: number
  ramBytes: number
  licence: string
  notes: string
}

/** Which weights file of an ONNX model folder loads (transformers.js dtypes); q8 is small and fast on a CPU. */
export const ONNX_DTYPES = ['q8', 'fp32', 'fp16', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const
export type OnnxDtype = (typeof ONNX_DTYPES)[number]

export const CHAT_TEMPLATES = [
  'auto',
  'chatml',
  'llama3',
  'llama3.1',
  'llama2',
  'mistral',
  'gemma',
  'qwen',
  'alpaca',
  'general'
] as const
export type ChatTemplateName = (typeof CHAT_TEMPLATES)[number]

/** Settings kept per model file; sampling here overrides the app-wide sampling while that model is loaded. */
export interface ModelSettings {
  /** null = as large as fits. */
  contextSize: number | null
  gpuLayers: number | 'auto'
  /** 'auto' = the template in the GGUF, or node-llama-cpp's best guess. */
  chatTemplate: ChatTemplateName
  sampling: Partial<SamplingSettings>
}

/** SillyTavern's secondary-key logic, by its numeric value in World Info files (0..3). */
export const SELECTIVE_LOGICS = ['AND ANY', 'NOT ALL', 'NOT ANY', 'AND ALL'] as const

/** SillyTavern's World Info positions, by their numeric value (0..7). */
export const LORE_POSITIONS = [
  'Before character',
  'After character',
  "Before author's note",
  "After author's note",
  'At depth',
  'Before examples',
  'After examples',
  'Outlet'
] as const

/** Who a lore entry is for: SillyTavern's character filter (names and tags, or everyone but them). */
export interface LoreCharacterFilter {
  isExclude: boolean
  names: string[]
  tags: string[]
}

/** One entry of a first-class lorebook, with SillyTavern World Info's fields (its matching follows ST's rules). */
export interface LoreEntry {
  id: string
  /** SillyTavern's uid (the key of the entry in a World Info file). */
  uid: number
  keys: string[]
  secondaryKeys: string[]
  /** Index into SELECTIVE_LOGICS. */
  selectiveLogic: number
  content: string
  comment: string
  isEnabled: boolean
  isConstant: boolean
  /** Secondary keys count only when true (SillyTavern's `selective`). */
  isSelective: boolean
  /** Higher goes first when the budget runs out, and closer to the chat. */
  order: number
  /** Index into LORE_POSITIONS. */
  position: number
  depth: number
  /** 0..100: chance the entry is used once its keys matched. */
  probability: number
  useProbability: boolean
  /** Inclusion groups (comma-separated): one entry per group fires. */
  group: string
  groupOverride: boolean
  groupWeight: number
  /** null = the app's default. */
  caseSensitive: boolean | null
  matchWholeWords: boolean | null
  scanDepth: number | null
  excludeRecursion: boolean
  preventRecursion: boolean
  characterFilter: LoreCharacterFilter | null
  /** Fields we do not model (sticky, cooldown, role, automationId, unknown keys...), written back on export. */
  extra: Record<string, unknown>
}

export type LorebookAttachment =
  { kind: 'global' } | { kind: 'character'; characterId: string } | { kind: 'chat'; chatId: string }

export interface LorebookSummary {
  id: string
  name: string
  description: string
  entryCount: number
  /** Where it applies; none = kept but unused. */
  attachments: LorebookAttachment[]
  createdAt: string
  updatedAt: string
}

/** An entry before it is stored (ids are the store's). */
export type LoreEntryDraft = Omit<LoreEntry, 'id'>

/** SillyTavern's defaults for a new entry (world-info.js `newWorldInfoEntryTemplate`). */
export function defaultLoreEntry(uid: number): LoreEntryDraft {
  return {
    uid,
    keys: [],
    secondaryKeys: [],
    selectiveLogic: 0,
    content: '',
    comment: '',
    isEnabled: true,
    isConstant: false,
    isSelective: true,
    order: 100,
    position: 0,
    depth: 4,
    probability: 100,
    useProbability: true,
    group: '',
    groupOverride: false,
    groupWeight: 100,
    caseSensitive: null,
    matchWholeWords: null,
    scanDepth: null,
    excludeRecursion: false,
    preventRecursion: false,
    characterFilter: null,
    extra: {}
  }
}

/** A lorebook read from a file, before it is stored. */
export interface LorebookDraft {
  name: string
  description: string
  scanDepth: number | null
  tokenBudget: number | null
  isRecursive: boolean
  entries: LoreEntryDraft[]
  extra: Record<string, unknown>
}

export interface LorebookData extends LorebookSummary {
  /** Messages scanned for keys; null = the app's default (SillyTavern's 2). */
  scanDepth: number | null
  /** Tokens the fired entries may use; null = the app's default. */
  tokenBudget: number | null
  /** Entries' text can trigger other entries (SillyTavern's recursion), up to a few steps. */
  isRecursive: boolean
  entries: LoreEntry[]
  /** Book-level fields we do not model (e.g. `originalData`, NovelAI settings), written back on export. */
  extra: Record<string, unknown>
}

/** A lore entry a reply used, with the book it came from (the "used" list under a reply). */
export interface UsedLoreEntry {
  id: string
  lorebookId: string | null
  lorebookName: string
  comment: string
  keys: string[]
  content: string
}

/** A phone or tablet allowed to use the app over the home network. */
export interface PairedDevice {
  id: string
  /** From the device's browser, e.g. "Android phone · Chrome". */
  name: string
  pairedAt: string
  lastUsedAt: string
}

/** LAN access ("Use on your phone"): whether the app listens on the network, where, and who is paired. */
export interface PairingStatus {
  /** False where the app cannot listen on the network (no transport attached, e.g. in tests). */
  isAvailable: boolean
  isLanOn: boolean
  port: number | null
  /** The addresses a phone on the same network opens, e.g. http://192.168.1.20:5418/. */
  urls: string[]
  devices: PairedDevice[]
}
