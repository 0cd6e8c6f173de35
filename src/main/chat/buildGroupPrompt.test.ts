import { describe, expect, it } from 'vitest'
import { blankCharacterDraft, type Character, type Message } from '../../shared/domain'
import type { Group } from '../../shared/domain/groups'
import { buildGroupSystemPrompt, groupPromptMessages, speakerContext, speakerLine } from './buildGroupPrompt'
import { makeMessage } from '../../../tests/helpers/makeMessage'

const person = (id: string, name: string, backstory: string): Character => ({
  ...blankCharacterDraft(),
  id,
  userId: 'u',
  name,
  backstory,
  createdAt: '',
  updatedAt: ''
})
const aiko = person('a', 'Aiko', '{{char}} grew up by the sea. {{char}} is afraid of thunder.')
const bram = person('b', 'Bram', '{{char}} repairs clocks. {{char}} hums old songs to {{user}}.')
const user = { id: 'u', name: 'Alex', description: '' }
const group = (promptMode: Group['promptMode']): Group => ({
  id: 'g',
  name: 'Club',
  scenario: 'A rainy evening.',
  characterIds: ['a', 'b'],
  talkMode: 'natural',
  promptMode,
  isAutoMode: false,
  autoModeMaxReplies: 3,
  mutedUntil: {},
  metadata: {},
  createdAt: '',
  updatedAt: ''
})

const message = (id: string, patch: Partial<Message>): Message =>
  makeMessage(id, 'user', '', { createdAt: '', updatedAt: '', ...patch })

describe('group prompts', () => {
  it('join: one system prompt whoever speaks (the KV prefix survives speaker changes), every member in short', () => {
    const scope = { group: group('join'), members: [{ ...aiko, traits: ['brave', 'shy'] }, bram] }
    const forAiko = buildGroupSystemPrompt(scope, aiko, user, ['Aiko-only pinned fact'])
    expect(buildGroupSystemPrompt(scope, bram, user, ['Bram-only pinned fact'])).toBe(forAiko)
    expect(forAiko).toContain('- Aiko: Aiko grew up by the sea. Personality: brave, shy.')
    expect(forAiko).toContain('- Bram: Bram repairs clocks.')
    expect(forAiko).toContain('A rainy evening.')
    // Only the short form: the rest of each profile is the speaker's own context, at the end of its turn.
    expect(forAiko).not.toContain('afraid of thunder')
    expect(forAiko).not.toContain('hums old songs')
    // One member's pinned memories never sit in the shared prefix.
    expect(forAiko).not.toContain('pinned fact')
  })

  it("join: the speaker's full profile and pinned memories close its own turn, then what was recalled for it", () => {
    const turn = { promptMode: 'join' as const, user, pinned: ['Likes tea'], recalled: 'What Bram remembers: x' }
    const forBram = speakerContext({ ...turn, speaker: bram })
    expect(forBram).toContain('Bram, who speaks next:')
    expect(forBram).toContain('Bram repairs clocks. Bram hums old songs to Alex.')
    expect(forBram.indexOf('hums old songs')).toBeLessThan(forBram.indexOf('- Likes tea'))
    expect(forBram.endsWith('What Bram remembers: x')).toBe(true)
    expect(forBram).not.toContain('thunder')
    // swap mode has the profile in its system prompt already.
    expect(speakerContext({ ...turn, promptMode: 'swap', speaker: bram, pinned: [] })).toBe('What Bram remembers: x')
  })

  it("swap: the speaker's own profile and pinned memories only; the others by name", () => {
    const scope = { group: group('swap'), members: [aiko, bram] }
    const forBram = buildGroupSystemPrompt(scope, bram, user, ['Bram-only pinned fact'])
    expect(forBram).toContain('Bram repairs clocks.')
    expect(forBram).toContain('Bram-only pinned fact')
    expect(forBram).not.toContain('grew up by the sea')
    expect(forBram).toContain('Aiko')
    expect(buildGroupSystemPrompt(scope, aiko, user, [])).not.toBe(forBram)
  })

  it("labels replies with their speaker, never repeats an earlier turn's recall, and puts this turn's last", () => {
    const history = [
      message('1', { role: 'assistant', content: 'Hello!', characterId: 'a', speakerName: 'Aiko' }),
      message('2', { content: 'Hi all' }),
      message('3', {
        role: 'assistant',
        content: ' Evening.',
        characterId: 'b',
        speakerName: 'Bram',
        injectedContext: 'What Bram remembered: secret'
      })
    ]
    const shown = groupPromptMessages(history, 'What Bram remembers: his own')
    expect(shown.map((m) => [m.role, m.content])).toEqual([
      ['assistant', 'Aiko: Hello!'],
      ['user', 'Hi all'],
      ['assistant', 'Bram: Evening.'],
      ['user', 'What Bram remembers: his own']
    ])
    expect(shown.map((m) => (m.role === 'user' ? m.injectedContext : '')).join('')).toBe('')
    // After the user's message, this turn's context goes with it, after what every member sees (the tone).
    const toned = [history[0]!, { ...history[1]!, injectedContext: '[Alex seems happy.]' }]
    const afterUser = groupPromptMessages(toned, 'ctx')
    expect(afterUser.map((m) => [m.content, m.injectedContext])).toEqual([
      ['Aiko: Hello!', ''],
      ['Hi all', '[Alex seems happy.]\nctx']
    ])
    expect(groupPromptMessages(history, '')).toHaveLength(3)
    expect(speakerLine('Aiko', '')).toBe('Aiko:')
  })
})
