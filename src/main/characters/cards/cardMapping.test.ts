import { describe, expect, it } from 'vitest'
import { blankCharacterDraft, defaultSliders, type CharacterDraft } from '../../../shared/domain'
import { cardDataFromDraft, draftFromCardData, OWN_EXTENSION } from './cardMapping'

describe('draftFromCardData: a card made by another app', () => {
  const card = {
    name: '  Seraphina \r\n',
    description: 'Guardian of the glade.\r\nKind.',
    personality: 'kind , brave,wise',
    scenario: 'In the glade',
    first_mes: 'Hello\r\ntraveller',
    mes_example: '<START>',
    creator_notes: 'notes',
    system_prompt: 'Be kind',
    post_history_instructions: 'Stay short',
    alternate_greetings: ['Hi again', 3, 'Welcome back'],
    tags: ['fantasy', null],
    creator: 'me',
    character_version: '2',
    character_book: { name: 'Lore', entries: [] },
    extensions: { talkativeness: '0.5', world: 'Glade' },
    nickname: 'Sera',
    group_only_greetings: []
  }

  it('puts every spec field where it belongs and keeps foreign data for export', () => {
    const draft = draftFromCardData(card)
    expect(draft).toEqual({
      ...blankCharacterDraft(),
      name: 'Seraphina',
      backstory: 'Guardian of the glade.\nKind.',
      traits: ['kind', 'brave', 'wise'],
      scenario: 'In the glade',
      firstMessage: 'Hello\ntraveller',
      exampleDialogue: '<START>',
      creatorNotes: 'notes',
      systemPrompt: 'Be kind',
      postHistoryInstructions: 'Stay short',
      alternateGreetings: ['Hi again', 'Welcome back'],
      tags: ['fantasy'],
      creator: 'me',
      characterVersion: '2',
      lorebook: {
        name: 'Lore',
        description: '',
        scanDepth: null,
        tokenBudget: null,
        isRecursive: false,
        entries: [],
        extra: {}
      },
      cardExtensions: { talkativeness: '0.5', world: 'Glade', __cardData: { nickname: 'Sera' } },
      sliders: defaultSliders(),
      avatarFile: null
    })
  })

  it('keeps a non-empty group_only_greetings as foreign data, and adds no foreign data when there is none', () => {
    expect(draftFromCardData({ name: 'A', group_only_greetings: ['Hi all'] }).cardExtensions).toEqual({
      __cardData: { group_only_greetings: ['Hi all'] }
    })
    expect(draftFromCardData({ name: 'A', group_only_greetings: 'x' }).cardExtensions).toEqual({
      __cardData: { group_only_greetings: 'x' }
    })
    expect(draftFromCardData({ name: 'A' }).cardExtensions).toEqual({})
  })

  it('splits a short comma list into traits and keeps prose as one trait', () => {
    const traits = (personality: string): string[] => draftFromCardData({ name: 'A', personality }).traits
    expect(traits('  ')).toEqual([])
    expect(traits(' shy ')).toEqual(['shy'])
    expect(traits('shy,  kind')).toEqual(['shy', 'kind'])
    expect(traits('a'.repeat(40) + ', b')).toEqual(['a'.repeat(40), 'b'])
    const long = 'a'.repeat(41) + ', b'
    expect(traits(long)).toEqual([long])
    expect(traits('shy,\nkind, odd\nand, more')).toEqual(['shy,\nkind, odd\nand, more'])
  })

  it('reads missing or mistyped fields as empty', () => {
    const draft = draftFromCardData({ name: 7, alternate_greetings: 'Hi', tags: {}, extensions: 'x' })
    expect(draft).toEqual({ ...blankCharacterDraft(), sliders: defaultSliders() })
  })
})

describe('our own cards', () => {
  const draft: CharacterDraft = {
    ...blankCharacterDraft(),
    name: 'Aiko',
    tagline: 'A barista',
    age: '21',
    species: 'human',
    appearance: 'Short hair',
    backstory: 'Grew up in Osaka',
    traits: ['warm', 'curious'],
    goals: ['open a cafe', 'travel'],
    quirks: ['hums'],
    likes: ['tea', 'cats'],
    dislikes: ['rain'],
    speakingStyle: 'casual',
    scenario: 'At the cafe',
    firstMessage: 'Welcome!',
    alternateGreetings: ['Back again?'],
    exampleDialogue: '<START>',
    systemPrompt: 'sys',
    postHistoryInstructions: 'post',
    creatorNotes: 'notes',
    creator: 'me',
    characterVersion: '3',
    tags: ['slice of life'],
    sliders: { ...defaultSliders(), sarcasm: 95, boldness: 20 },
    imagePrompt: '1girl',
    avatarFile: 'aiko.png',
    expressions: { joy: 'aiko-joy.png' },
    assets: [{ type: 'background', name: 'cafe', ext: 'png', file: 'cafe.png', uri: null }],
    loras: [{ path: '/x/a.gguf', scale: 0.5 }],
    cardExtensions: { talkativeness: '0.4', __cardData: { nickname: 'Ai' } }
  }

  it('are written as readable card data with the whole profile under our extension, pictures left out', () => {
    const data = cardDataFromDraft(draft)
    const { avatarFile: _a, expressions: _e, assets: _s, cardExtensions: _c, lorebook: _l, ...profile } = draft
    expect(data).toEqual({
      nickname: 'Ai',
      name: 'Aiko',
      description:
        'Short hair\n\nGrew up in Osaka\n\nAge: 21. Species: human\n\nGoals: open a cafe; travel\n\nQuirks: hums\n\nLikes: tea, cats\n\nDislikes: rain',
      personality: 'warm, curious\nTemperament: very shy, extremely sarcastic\nSpeaking style: casual',
      scenario: 'At the cafe',
      first_mes: 'Welcome!',
      mes_example: '<START>',
      creator_notes: 'notes',
      system_prompt: 'sys',
      post_history_instructions: 'post',
      alternate_greetings: ['Back again?'],
      tags: ['slice of life'],
      creator: 'me',
      character_version: '3',
      extensions: { talkativeness: '0.4', [OWN_EXTENSION]: { version: 1, profile } }
    })
  })

  it('leave empty parts out of the description and personality', () => {
    const data = cardDataFromDraft({ ...blankCharacterDraft(), name: 'A', species: 'cat', backstory: ' ' })
    expect(data.description).toBe('Species: cat')
    expect(data.personality).toBe('')
    expect(data).not.toHaveProperty('character_book')
    expect(cardDataFromDraft({ ...blankCharacterDraft(), age: '30' }).description).toBe('Age: 30')
    expect(cardDataFromDraft({ ...blankCharacterDraft(), traits: ['kind'] }).personality).toBe('kind')
  })

  it('come back as the same profile, alternate greetings included, with the spec fields winning', () => {
    const data = cardDataFromDraft(draft)
    const back = draftFromCardData(data)
    expect(back).toEqual({ ...draft, avatarFile: null, expressions: {}, assets: [] })
    expect(back.alternateGreetings).toEqual(['Back again?'])
    const edited = draftFromCardData({ ...data, first_mes: 'Edited elsewhere', alternate_greetings: ['New'] })
    expect(edited.firstMessage).toBe('Edited elsewhere')
    expect(edited.alternateGreetings).toEqual(['New'])
  })

  it('read as a foreign card when our extension has no profile', () => {
    const data = { name: 'A', description: 'Backstory', extensions: { [OWN_EXTENSION]: { version: 1 } } }
    expect(draftFromCardData(data).backstory).toBe('Backstory')
    expect(draftFromCardData({ ...data, extensions: { [OWN_EXTENSION]: 'profile' } }).backstory).toBe('Backstory')
  })
})
