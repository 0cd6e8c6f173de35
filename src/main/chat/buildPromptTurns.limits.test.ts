import type { Token } from 'node-llama-cpp'
import { describe, expect, it } from 'vitest'
import { makeMessage } from '../../../tests/helpers/makeMessage'
import type { Message } from '../../shared/domain'
import { buildPromptTurns } from './buildPromptTurns'

/** One token a character, so costs are easy to count: a turn costs its length + 4, the system prompt 'S' 5. */
const chars = (text: string): number => text.length
const ten = (id: string, role: Message['role']): Message => makeMessage(id, role, id.padEnd(6, '.'))
const build = (messages: Message[], maxPromptTokens: number) =>
  buildPromptTurns({ systemPrompt: 'S', messages, countTokens: chars, maxPromptTokens })

describe('buildPromptTurns at the limits of its budget', () => {
  it('keeps a history that fills the budget exactly, and counts it as the budget counts it', () => {
    const messages = [makeMessage('a', 'assistant', 'aaaa'), makeMessage('u', 'user', 'uuuu')]
    const whole = build(messages, 21)
    expect(whole.droppedMessageIds).toEqual([])
    expect(whole.estimatedTokens).toBe(5 + 8 + 8)
    expect(build(messages, 20).droppedMessageIds).toEqual(['a'])
  })

  it('cuts down to 70% of the budget and not one message more', () => {
    // 5 + 5 * 10 = 55 > 50: cut to 35, which dropping a0 and u1 reaches; a2 opens the window.
    const cut = build(
      [ten('a0', 'assistant'), ten('u1', 'user'), ten('a2', 'assistant'), ten('a3', 'assistant'), ten('u4', 'user')],
      50
    )
    expect(cut.droppedMessageIds).toEqual(['a0', 'u1'])
    expect(cut.startId).toBe('a2')
    expect(cut.estimatedTokens).toBe(35)
  })

  it('opens a cut window with the next reply, never an earlier one', () => {
    const messages = ['a0', 'u1', 'a2', 'u3', 'a4', 'u5'].map((id) =>
      ten(id, id.startsWith('a') ? 'assistant' : 'user')
    )
    const cut = build(messages, 50)
    expect(cut.droppedMessageIds).toEqual(['a0', 'u1', 'a2', 'u3'])
    expect(cut.turns.map((t) => t.role)).toEqual(['system', 'assistant', 'user'])
  })

  it('keeps the end of a newest message too long for the budget, in what room is left', () => {
    const long = Array.from({ length: 300 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('')
    const messages = [makeMessage('a0', 'assistant', 'hi'), makeMessage('u1', 'user', long)]
    // Room 100 - 5 - 8 = 87 tokens: the tail shrinks by a fifth at a time, 300 -> 240 -> ... -> 97 -> 77.
    const tight = build(messages, 100)
    expect(tight.droppedMessageIds).toEqual(['a0'])
    expect(tight.startId).toBe('u1')
    expect(tight.turns).toEqual([
      { role: 'system', text: 'S' },
      { role: 'user', text: `[…] ${long.slice(-77)}` }
    ])
    // Never less room than 16 tokens: 64 (16 * 4) -> 51 -> 40 -> 32 -> 25 -> 20 -> 16 characters.
    expect(build(messages, 20).turns[1]).toEqual({ role: 'user', text: `[…] ${long.slice(-16)}` })
  })

  it('gives the tokens a reply was generated as to replies only, and counts them', () => {
    const tokens = [1, 2, 3] as Token[]
    const built = buildPromptTurns({
      systemPrompt: 'S',
      messages: [makeMessage('a', 'assistant', 'a long reply text'), makeMessage('u', 'user', 'hi')],
      countTokens: chars,
      maxPromptTokens: 1000,
      tokensOf: () => tokens
    })
    expect(built.turns[1]).toEqual({ role: 'assistant', text: 'a long reply text', tokens })
    expect(built.turns[2]).toEqual({ role: 'user', text: 'hi' })
    expect(built.estimatedTokens).toBe(5 + (3 + 4) + (2 + 4))
  })

  it('has just the system prompt for an empty chat', () => {
    expect(build([], 100)).toEqual({
      turns: [{ role: 'system', text: 'S' }],
      droppedMessageIds: [],
      startId: null,
      estimatedTokens: 5
    })
  })
})
