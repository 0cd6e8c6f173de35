/** A block of text placed inside the chat history, `depth` messages up from its end (0 = after the newest one). */
export interface DepthInjection {
  depth: number
  role: 'system' | 'user' | 'assistant'
  text: string
}

/**
 * Where the lore that fired for one generation goes in the prompt, by SillyTavern's World Info positions
 * (world-info.js `world_info_position`): around the character's definitions in the system prompt, around the
 * example dialogue, or inside the chat at a depth (an entry's @depth, and the author's note top/bottom at the
 * author's note's depth). Each list is in prompt order: ascending `order`, so the most important entry comes last.
 */
export interface LorePlacement {
  beforeCharacter: string[]
  afterCharacter: string[]
  examplesTop: string[]
  examplesBottom: string[]
  inChat: DepthInjection[]
  /** Every entry placed, for the reply's "used" list. */
  entryIds: string[]
}

export const noLore = (): LorePlacement => ({
  beforeCharacter: [],
  afterCharacter: [],
  examplesTop: [],
  examplesBottom: [],
  inChat: [],
  entryIds: []
})
