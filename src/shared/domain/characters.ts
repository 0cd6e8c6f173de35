/** Characters: the profile, its traits and its card lorebook; the user's own profile. Plain JSON only: dates are ISO strings. */
import type { LoraRef } from './models'
import type { CharacterVoice } from './voice'

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
  /** The voice that reads its replies aloud; null = the default system voice. */
  voice: CharacterVoice | null
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
    cardExtensions: {},
    voice: null
  }
}
