import { describe, expect, it } from 'vitest'
import { blankCharacterDraft, defaultSliders, type Character, type UserProfile } from '../../shared/domain'
import { buildSystemPrompt } from './buildSystemPrompt'

const user: UserProfile = { id: 'u', name: 'Ren', description: 'A student' }
const characterOf = (patch: Partial<Character>): Character => ({
  ...blankCharacterDraft(),
  id: 'c',
  userId: 'u',
  createdAt: '',
  updatedAt: '',
  name: 'Aiko',
  ...patch
})

describe('buildSystemPrompt: the persona block', () => {
  it('writes every filled field in its section, in a fixed order, with the names filled in', () => {
    const character = characterOf({
      age: '21',
      species: 'human',
      appearance: 'Short hair',
      backstory: 'Grew up in Kyoto.',
      traits: ['warm', ' ', 'curious'],
      sliders: { ...defaultSliders(), sarcasm: 95 },
      goals: ['open a cafe'],
      quirks: ['hums'],
      likes: ['tea', 'cats'],
      dislikes: ['rain'],
      speakingStyle: 'casual',
      scenario: 'A rainy cafe with {{user}}.',
      exampleDialogue: '<START>\n{{char}}: Hello!'
    })
    expect(buildSystemPrompt(character, user, ['{{user}} is allergic to cats', 'Aiko owes Ren a tea'])).toBe(
      [
        'You are Aiko in an ongoing conversation with Ren. Stay in character at all times: speak and act as Aiko ' +
          "would, in their voice, reacting to what Ren says and feels. Write only Aiko's reply; never write lines for Ren.",
        'About Aiko:\nAge: 21. Species: human\nShort hair',
        'Backstory:\nGrew up in Kyoto.',
        'Personality:\nwarm; curious\nTemperament: extremely sarcastic.',
        'Goals:\nopen a cafe',
        'Quirks:\nhums',
        'Likes:\ntea; cats',
        'Dislikes:\nrain',
        'Speaking style:\ncasual',
        'Scenario:\nA rainy cafe with Ren.',
        'Example dialogue:\n<START>\nAiko: Hello!',
        'About Ren:\nName: Ren\nA student',
        'Always remember:\n- Ren is allergic to cats\n- Aiko owes Ren a tea'
      ].join('\n\n')
    )
  })

  it("leaves out empty sections and uses the character's own system prompt, trimmed, when it has one", () => {
    const prompt = buildSystemPrompt(characterOf({ systemPrompt: '  Be {{char}}.  ', backstory: '  ' }), {
      ...user,
      description: ''
    })
    expect(prompt).toBe('Be Aiko.\n\nAbout Ren:\nName: Ren')
  })

  it('writes an identity, personality or lore line alone when it is all there is', () => {
    const only = (patch: Partial<Character>): string =>
      buildSystemPrompt(characterOf({ systemPrompt: 'X', ...patch }), { ...user, description: '' }).split('\n\n')[1]!
    expect(only({ age: '21' })).toBe('About Aiko:\nAge: 21')
    expect(only({ species: 'cat' })).toBe('About Aiko:\nSpecies: cat')
    expect(only({ appearance: 'Tall' })).toBe('About Aiko:\nTall')
    expect(only({ traits: ['warm'] })).toBe('Personality:\nwarm')
    expect(only({ sliders: { ...defaultSliders(), energy: 10 } })).toBe('Personality:\nTemperament: extremely calm.')
    const lore = { beforeCharacter: ['  '], afterCharacter: [], examplesTop: ['  '], examplesBottom: [] }
    expect(buildSystemPrompt(characterOf({ systemPrompt: 'X' }), { ...user, description: '' }, [], lore)).toBe(
      'X\n\nAbout Ren:\nName: Ren'
    )
    const before = { ...lore, beforeCharacter: ['Kyoto is old.', 'It rains.'] }
    expect(buildSystemPrompt(characterOf({ systemPrompt: 'X' }), { ...user, description: '' }, [], before)).toBe(
      'X\n\nKyoto is old.\nIt rains.\n\nAbout Ren:\nName: Ren'
    )
  })
})
