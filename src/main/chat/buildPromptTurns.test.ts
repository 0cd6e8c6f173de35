import { describe, expect, it } from 'vitest'
import type { Message } from '../../shared/domain'
import type { DepthInjection } from '../hooks/lorePlacement'
import { buildPromptTurns, type PromptTurns } from './buildPromptTurns'
import { makeMessage } from '../../../tests/helpers/makeMessage'

function message(id: string, role: 'user' | 'assistant', content: string, injectedContext = ''): Message {
  return makeMessage(id, role, content, { injectedContext })
}
const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length

describe('buildPromptTurns', () => {
  it('puts the system prompt first and keeps each user message with the context retrieved for it', () => {
    const { turns, droppedMessageIds } = buildPromptTurns({
      systemPrompt: 'You are Aiko.',
      messages: [
        message('1', 'assistant', 'Welcome!'),
        message('2', 'user', 'I like tea.', '[Memories: likes coffee]'),
        message('3', 'assistant', 'Nice.'),
        message('4', 'user', 'Where do I live?', '[Memories: lives in Tokyo]')
      ],
      countTokens: countWords,
      maxPromptTokens: 1000
    })
    expect(turns[0]).toEqual({ role: 'system', text: 'You are Aiko.' })
    expect(turns[2]).toEqual({ role: 'user', text: 'I like tea.\n\n[Memories: likes coffee]' })
    expect(turns[4]).toEqual({ role: 'user', text: 'Where do I live?\n\n[Memories: lives in Tokyo]' })
    expect(droppedMessageIds).toEqual([])
  })

  it('only grows at the end from one turn to the next, so the KV cache covers all of the previous prompt', () => {
    const memories = '[What Aiko remembers]\n- lives in Tokyo\n- likes tea'
    const history = [message('1', 'user', 'Hi.', memories), message('2', 'assistant', 'Hello.')]
    const before = buildPromptTurns({
      systemPrompt: 'sys',
      messages: history,
      countTokens: countWords,
      maxPromptTokens: 1000
    })
    const after = buildPromptTurns({
      systemPrompt: 'sys',
      messages: [...history, message('3', 'user', 'And you?', memories)],
      countTokens: countWords,
      maxPromptTokens: 1000
    })
    expect(after.turns.slice(0, before.turns.length)).toEqual(before.turns)
  })

  it('does not repeat memory lines an earlier turn of the prompt shows, nor a heading left empty; keeps other lines', () => {
    const { turns } = buildPromptTurns({
      systemPrompt: 'sys',
      messages: [
        message('1', 'user', 'Hi.', '[What Aiko remembers]\n- lives in Tokyo\n- likes tea'),
        message('2', 'assistant', 'Hello.'),
        message('3', 'user', 'Tea?', '[What Aiko remembers]\n- likes tea\n- has a cat\n[User seems happy.]'),
        message('4', 'assistant', 'Yes.'),
        message('5', 'user', 'Cat?', '[What Aiko remembers]\n- has a cat\n- lives in Tokyo\n[User seems happy.]')
      ],
      countTokens: countWords,
      maxPromptTokens: 1000
    })
    expect(turns[3]!.text).toBe('Tea?\n\n[What Aiko remembers]\n- has a cat\n[User seems happy.]')
    expect(turns[5]!.text).toBe('Cat?\n\n[User seems happy.]')
  })

  it('shows a memory line again when the turn that last showed it is more than 8 user turns back', () => {
    const memories = '[What Aiko remembers]\n- lives in Tokyo'
    const messages = Array.from({ length: 24 }, (_, i) =>
      message(String(i), i % 2 ? 'assistant' : 'user', 'hi', i % 2 ? '' : memories)
    )
    const { turns } = buildPromptTurns({
      systemPrompt: 'sys',
      messages,
      countTokens: countWords,
      maxPromptTokens: 1000
    })
    const showing = turns
      .filter((t) => t.role === 'user')
      .flatMap((t, userTurn) => (t.text.includes('lives in Tokyo') ? [userTurn] : []))
    expect(showing).toEqual([0, 9])
  })

  it('renders the turns a cut keeps exactly as before the cut, so their KV cache stays valid', () => {
    const memories = '[What Aiko remembers]\n- lives in Tokyo'
    const messages = Array.from({ length: 60 }, (_, i) =>
      message(String(i), i % 2 ? 'assistant' : 'user', 'word '.repeat(10), i % 2 ? '' : memories)
    )
    const whole = buildPromptTurns({ systemPrompt: 'sys', messages, countTokens: countWords, maxPromptTokens: 10_000 })
    const cut = buildPromptTurns({ systemPrompt: 'sys', messages, countTokens: countWords, maxPromptTokens: 600 })
    expect(cut.droppedMessageIds.length).toBeGreaterThan(0)
    expect(cut.turns.slice(1)).toEqual(whole.turns.slice(1 + cut.droppedMessageIds.length))
    // The window opens with a reply, as the chat does with the greeting.
    expect(cut.turns[1]!.role).toBe('assistant')
    // The memory still shows inside a window of more than 8 user turns: a line comes back 8 user turns after it last showed.
    expect(cut.turns.filter((t) => t.role === 'user').length).toBeGreaterThan(8)
    expect(cut.turns.some((t) => t.text.includes('- lives in Tokyo'))).toBe(true)
  })

  it('uses the tokens a reply was generated as, and counts them as its cost', () => {
    const reply = message('2', 'assistant', 'Hello there.')
    const { turns } = buildPromptTurns({
      systemPrompt: 'sys',
      messages: [message('1', 'user', 'Hi.'), reply, message('3', 'user', 'Bye.')],
      countTokens: countWords,
      maxPromptTokens: 1000,
      tokensOf: (m) => (m.id === reply.id ? ([7, 8, 9] as never[]) : undefined)
    })
    expect(turns[2]).toEqual({ role: 'assistant', text: 'Hello there.', tokens: [7, 8, 9] })
    expect(turns[1]!.tokens).toBeUndefined()
  })

  it('cuts overflowing history to 70% and then keeps the same first message for many turns', () => {
    const messages = Array.from({ length: 40 }, (_, i) =>
      message(String(i), i % 2 ? 'assistant' : 'user', 'word '.repeat(10))
    )
    const budget = 200
    const cost = (turns: { text: string }[]): number => turns.reduce((sum, t) => sum + countWords(t.text) + 4, 0)
    const first = buildPromptTurns({ systemPrompt: 'sys', messages, countTokens: countWords, maxPromptTokens: budget })
    expect(cost(first.turns)).toBeLessThanOrEqual(budget * 0.7)
    expect(first.droppedMessageIds[0]).toBe('0')
    expect(first.turns[first.turns.length - 1]!.text).toBe(messages[39]!.content)
    let grown = messages
    for (let turn = 0; turn < 3; turn++) {
      grown = [...grown, message(`u${turn}`, 'user', 'one more'), message(`a${turn}`, 'assistant', 'ok then')]
      const next = buildPromptTurns({
        systemPrompt: 'sys',
        messages: grown,
        countTokens: countWords,
        maxPromptTokens: budget,
        previousStartId: first.startId
      })
      expect(next.startId).toBe(first.startId)
      expect(next.turns.slice(0, first.turns.length)).toEqual(first.turns)
      expect(cost(next.turns)).toBeLessThanOrEqual(budget)
    }
  })

  it('cuts a message that alone exceeds the budget, keeping its end', () => {
    const huge = message('h', 'user', `${'start '.repeat(5000)}the real question`)
    const { turns } = buildPromptTurns({
      systemPrompt: 'sys',
      messages: [huge],
      countTokens: countWords,
      maxPromptTokens: 100
    })
    const last = turns[turns.length - 1]!
    expect(countWords(last.text)).toBeLessThanOrEqual(100)
    expect(last.text.endsWith('the real question')).toBe(true)
  })
})

describe('lore placed at a depth (SillyTavern @depth)', () => {
  const chat = [
    message('1', 'assistant', 'Welcome!'),
    message('2', 'user', 'Hi.'),
    message('3', 'assistant', 'Hello.'),
    message('4', 'user', 'Tell me about the castle.')
  ]
  const texts = (turns: { role: string; text: string }[]): string[] => turns.map((t) => `${t.role}:${t.text}`)
  /** The prompt of `messages` (the chat above by default) with these blocks, within `budget` words. */
  const build = (injections: DepthInjection[] | undefined, messages = chat, budget = 1000): PromptTurns =>
    buildPromptTurns({ systemPrompt: 'sys', messages, countTokens: countWords, maxPromptTokens: budget, injections })

  it('goes depth messages up from the end: 0 after the newest, 2 before the second newest, too deep at the start', () => {
    const { turns } = build([
      { depth: 0, role: 'system', text: 'D0' },
      { depth: 2, role: 'system', text: 'D2' },
      { depth: 99, role: 'system', text: 'D99' }
    ])
    expect(texts(turns)).toEqual([
      'system:sys',
      'system:D99',
      'assistant:Welcome!',
      'user:Hi.',
      'system:D2',
      'assistant:Hello.',
      'user:Tell me about the castle.',
      'system:D0'
    ])
  })

  it('orders blocks at one depth assistant, user, system (the system one closest to the end)', () => {
    const { turns } = build([
      { depth: 1, role: 'system', text: 'S' },
      { depth: 1, role: 'user', text: 'U' },
      { depth: 1, role: 'assistant', text: 'A' }
    ])
    expect(texts(turns).slice(-5)).toEqual([
      'assistant:Hello.',
      'assistant:A',
      'user:U',
      'system:S',
      'user:Tell me about the castle.'
    ])
  })

  it('keeps the prompt before the deepest block as it was the turn before, so the KV cache still covers it', () => {
    const injections = [{ depth: 2, role: 'system' as const, text: 'castle lore' }]
    const before = build(injections)
    const after = build(injections, [
      ...chat,
      message('5', 'assistant', 'It is old.'),
      message('6', 'user', 'Who lives there?')
    ])
    const shared = before.turns.findIndex((t) => t.text === 'castle lore')
    expect(after.turns.slice(0, shared)).toEqual(before.turns.slice(0, shared))
    expect(texts(after.turns).slice(-3)).toEqual([
      'system:castle lore',
      'assistant:It is old.',
      'user:Who lives there?'
    ])
  })

  it('counts injected text against the budget', () => {
    const long = Array.from({ length: 20 }, (_, i) =>
      message(String(i), i % 2 ? 'assistant' : 'user', 'word '.repeat(10))
    )
    const plain = build(undefined, long, 200)
    const injected = build([{ depth: 0, role: 'system', text: 'lore '.repeat(60) }], long, 200)
    expect(injected.droppedMessageIds.length).toBeGreaterThan(plain.droppedMessageIds.length)
    const cost = injected.turns.reduce((sum, t) => sum + countWords(t.text) + 4, 0)
    expect(cost).toBeLessThanOrEqual(200)
  })
})
