import { describe, expect, it } from 'vitest'
import { blankCharacterDraft, type Character, type UserProfile } from '../../shared/domain'
import { buildSystemPrompt, withSystemLore } from './buildSystemPrompt'

const user: UserProfile = { id: 'u', name: 'Ren', description: '' }

describe('buildSystemPrompt places lore as SillyTavern places it in its story string', () => {
  const character = {
    ...blankCharacterDraft(),
    id: 'c',
    name: 'Aiko',
    backstory: 'Grew up in Kyoto.',
    scenario: 'A rainy cafe.',
    exampleDialogue: '<START>\n{{char}}: Hello!'
  }

  it('before the character definitions, after them (after the scenario), and around the example dialogue', () => {
    const prompt = buildSystemPrompt(character as Character, user, [], {
      beforeCharacter: ['LORE-BEFORE'],
      afterCharacter: ['LORE-AFTER'],
      examplesTop: ['<START>\nLORE-EX-TOP'],
      examplesBottom: ['LORE-EX-BOTTOM']
    })
    const at = (text: string): number => prompt.indexOf(text)
    expect(at('LORE-BEFORE')).toBeGreaterThan(0)
    expect(at('LORE-BEFORE')).toBeLessThan(at('Grew up in Kyoto.'))
    expect(at('LORE-AFTER')).toBeGreaterThan(at('A rainy cafe.'))
    expect(at('LORE-AFTER')).toBeLessThan(at('Example dialogue'))
    expect(at('LORE-EX-TOP')).toBeGreaterThan(at('Example dialogue'))
    expect(at('LORE-EX-TOP')).toBeLessThan(at('Aiko: Hello!'))
    expect(at('LORE-EX-BOTTOM')).toBeGreaterThan(at('Aiko: Hello!'))
    expect(at('LORE-EX-BOTTOM')).toBeLessThan(at('Name: Ren'))
  })

  it('is the same prompt as without lore when none fired, so the cached prefix stays valid', () => {
    const none = { beforeCharacter: [], afterCharacter: [], examplesTop: [], examplesBottom: [] }
    expect(buildSystemPrompt(character as Character, user, [], none)).toBe(
      buildSystemPrompt(character as Character, user)
    )
  })

  it('gives example lore a section even when the character has no example dialogue', () => {
    const prompt = buildSystemPrompt({ ...character, exampleDialogue: '' } as Character, user, [], {
      beforeCharacter: [],
      afterCharacter: [],
      examplesTop: [],
      examplesBottom: ['<START>\nLORE-EX']
    })
    expect(prompt).toContain('Example dialogue:\n<START>\nLORE-EX')
  })
})

describe('withSystemLore (a group chat, whose shared prompt has no one character to place lore around)', () => {
  const none = { beforeCharacter: [], afterCharacter: [], examplesTop: [], examplesBottom: [] }

  it('opens the prompt with lore before the characters and closes it with lore after them and example lore', () => {
    const prompt = withSystemLore('GROUP PROMPT', {
      beforeCharacter: ['LORE-BEFORE'],
      afterCharacter: ['LORE-AFTER'],
      examplesTop: ['EX-TOP'],
      examplesBottom: ['EX-BOTTOM']
    })
    expect(prompt).toBe('LORE-BEFORE\n\nGROUP PROMPT\n\nLORE-AFTER\n\nExample dialogue:\nEX-TOP\nEX-BOTTOM')
  })

  it('leaves the prompt as it is without lore', () => {
    expect(withSystemLore('GROUP PROMPT', none)).toBe('GROUP PROMPT')
  })
})
