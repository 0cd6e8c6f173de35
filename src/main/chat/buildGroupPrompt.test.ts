import { describe, expect, it } from 'vitest'
import { blankCharacterDraft, type Character, type Message } from '../../shared/domain'
import type { Group } from '../../shared/domain/groups'
import { buildGroupSystemPrompt, groupPromptMessages, speakerLine } from './buildGroupPrompt'
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
const aiko = person('a', 'Aiko', '{{char}} grew up by the sea.')
const bram = person('b', 'Bram', '{{char}} repairs clocks.')
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
  it('join: one system prompt whoever speaks (the KV prefix survives speaker changes), every member in it', () => {
    const scope = { group: group('join'), members: [aiko, bram] }
    const forAiko = buildGroupSystemPrompt(scope, aiko, user, ['Aiko-only pinned fact'])
    expect(buildGroupSystemPrompt(scope, bram, user, ['Bram-only pinned fact'])).toBe(forAiko)
    expect(forAiko).toContain('Aiko grew up by the sea.')
    expect(forAiko).toContain('Bram repairs clocks.')
    expect(forAiko).toContain('A rainy evening.')
    // One member's pinned memories never sit in the shared prefix.
    expect(forAiko).not.toContain('pinned fact')
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
