import { describe, expect, it } from 'vitest'
import type { Message } from '../../shared/domain'
import { buildPromptTurns } from './buildPromptTurns'

function message(id: string, role: 'user' | 'assistant', content: string, injectedContext = ''): Message {
  return {
    id, chatId: 'c', role, content, status: 'complete', swipes: [], swipeIndex: 0, emotion: null, memoryIds: [], injectedContext,
    createdAt: '2026-11-24T00:00:00.000Z', updatedAt: '2026-11-24T00:00:00.000Z'
  }
}
const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length

describe('buildPromptTurns', () => {
  it('puts the system prompt first and keeps injected context glued to its user message', () => {
    const { turns, droppedMessageIds } = buildPromptTurns({
      systemPrompt: 'You are Aiko.',
      messages: [message('1', 'assistant', 'Welcome!'), message('2', 'user', 'Where do I live?', '[Memories: lives in Tokyo]')],
      countTokens: countWords,
      maxPromptTokens: 1000
    })
    expect(turns[0]).toEqual({ role: 'system', text: 'You are Aiko.' })
    expect(turns[2]).toEqual({ role: 'user', text: '[Memories: lives in Tokyo]\n\nWhere do I live?' })
    expect(droppedMessageIds).toEqual([])
  })

  it('drops the oldest messages in blocks, so the prefix stays stable while the chat grows', () => {
    const messages = Array.from({ length: 40 }, (_, i) => message(String(i), i % 2 ? 'assistant' : 'user', 'word '.repeat(10)))
    const budget = 200
    const first = buildPromptTurns({ systemPrompt: 'sys', messages, countTokens: countWords, maxPromptTokens: budget })
    const used = first.turns.reduce((sum, t) => sum + countWords(t.text) + 4, 0)
    expect(used).toBeLessThanOrEqual(budget)
    expect(first.droppedMessageIds[0]).toBe('0')
    expect(first.turns[first.turns.length - 1]!.text).toBe(messages[39]!.content)
    const next = buildPromptTurns({ systemPrompt: 'sys', messages: [...messages, message('40', 'user', 'one more')], countTokens: countWords, maxPromptTokens: budget })
    expect(next.turns.slice(0, first.turns.length)).toEqual(first.turns)
  })

  it('cuts a message that alone exceeds the budget, keeping its end', () => {
    const huge = message('h', 'user', `${'start '.repeat(5000)}the real question`)
    const { turns } = buildPromptTurns({ systemPrompt: 'sys', messages: [huge], countTokens: countWords, maxPromptTokens: 100 })
    const last = turns[turns.length - 1]!
    expect(countWords(last.text)).toBeLessThanOrEqual(100)
    expect(last.text.endsWith('the real question')).toBe(true)
  })
})
