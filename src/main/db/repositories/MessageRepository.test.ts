import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../../tests/helpers/tempDir'
import { starterCharacter } from '../../characters/starterCharacter'
import { openDatabase } from '../openDatabase'
import { CharacterRepository } from './CharacterRepository'
import { ChatRepository } from './ChatRepository'
import { MessageRepository } from './MessageRepository'
import { UserRepository } from './UserRepository'

/** Deterministic pseudo-random numbers, so a failure replays the same way. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

describe('MessageRepository paging', () => {
  const tempDir = useTempDir()

  const openChat = (size: number): { messages: MessageRepository; chatId: string } => {
    const db = openDatabase(join(tempDir(), 'app.sqlite'))
    const user = new UserRepository(db).ensureLocalUser()
    const character = new CharacterRepository(db).insert(user.id, starterCharacter())
    const chat = new ChatRepository(db).create(character.id, user.id, 'long')
    const messages = new MessageRepository(db)
    messages.insertMany(
      chat.id,
      Array.from({ length: size }, (_, i) => ({
        role: i % 2 ? ('user' as const) : ('assistant' as const),
        content: `message ${i}`,
        status: 'complete' as const
      }))
    )
    return { messages, chatId: chat.id }
  }

  it('pages back through a long chat in order, with no gap or repeat, while messages arrive and are deleted', () => {
    const { messages, chatId } = openChat(3000)
    const original = messages.list(chatId).map((m) => m.id)
    const order = new Map(original.map((id, i) => [id, i]))
    const deleted = new Set<string>()
    const next = random(17)
    const seen: string[] = []
    let page = messages.page(chatId, { limit: 37 })
    expect(page.hasNewer).toBe(false)
    expect(page.messages.at(-1)?.id).toBe(original.at(-1))
    for (;;) {
      seen.unshift(...page.messages.map((m) => m.id))
      // Between requests: a reply arrives, and a few messages go, read ones and unread ones alike.
      messages.insert({ chatId, role: 'user', content: 'new while paging', status: 'complete' })
      for (let k = 0; k < 3; k++) {
        const victim = original[Math.floor(next() * original.length)]!
        if (deleted.has(victim)) continue
        messages.delete(victim)
        deleted.add(victim)
      }
      if (!page.hasOlder) break
      page = messages.page(chatId, { before: page.olderCursor!, limit: 37 })
      expect(page.hasNewer).toBe(true)
    }
    expect(new Set(seen).size).toBe(seen.length)
    const positions = seen.map((id) => order.get(id))
    expect(positions.every((p) => p !== undefined)).toBe(true)
    expect(positions).toEqual([...positions].sort((a, b) => a! - b!))
    const missing = original.filter((id) => !seen.includes(id) && !deleted.has(id))
    expect(missing).toEqual([])
    expect(deleted.size).toBeGreaterThan(100)
  })

  it('pages forward from a page after a jump, reaching the messages that arrived meanwhile', () => {
    const { messages, chatId } = openChat(500)
    const all = messages.list(chatId)
    const target = all[120]!
    const around = messages.page(chatId, { around: target.id, limit: 21 })
    expect(around.messages.map((m) => m.id)).toEqual(all.slice(110, 131).map((m) => m.id))
    expect(around.hasOlder && around.hasNewer).toBe(true)
    messages.delete(all[131]!.id)
    const arrived = messages.insert({ chatId, role: 'user', content: 'latest', status: 'complete' })
    const forward: string[] = []
    let page = around
    while (page.hasNewer) {
      page = messages.page(chatId, { after: page.newerCursor!, limit: 50 })
      forward.push(...page.messages.map((m) => m.id))
    }
    expect(forward).toEqual([...all.slice(132).map((m) => m.id), arrived.id])
    const older = messages.page(chatId, { before: around.olderCursor!, limit: 200 })
    expect(older.messages.map((m) => m.id)).toEqual(all.slice(0, 110).map((m) => m.id))
    expect(older.hasOlder).toBe(false)
  })

  it('answers a jump to a message of another chat, or a cursor it never gave out, with a typed error', () => {
    const { messages, chatId } = openChat(10)
    expect(() => messages.page(chatId, { around: 'no-such-message' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' })
    )
    expect(() => messages.page(chatId, { before: '12; DROP TABLE messages' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' })
    )
    expect(messages.count(chatId)).toBe(10)
  })

  it('gives an empty chat one empty page', () => {
    const { messages, chatId } = openChat(0)
    expect(messages.page(chatId)).toEqual({
      messages: [],
      hasOlder: false,
      hasNewer: false,
      olderCursor: null,
      newerCursor: null
    })
  })
})

describe('MessageRepository counting', () => {
  const tempDir = useTempDir()

  it("keeps each chat's message count exact through inserts, imports, deletes and a deleted chat", () => {
    const db = openDatabase(join(tempDir(), 'app.sqlite'))
    const user = new UserRepository(db).ensureLocalUser()
    const character = new CharacterRepository(db).insert(user.id, starterCharacter())
    const chats = new ChatRepository(db)
    const messages = new MessageRepository(db)
    const one = chats.create(character.id, user.id, 'one')
    const two = chats.create(character.id, user.id, 'two')
    const actual = (chatId: string): number =>
      (db.prepare('SELECT COUNT(*) AS n FROM messages WHERE chat_id = ?').get(chatId) as { n: number }).n
    const expectCounts = (): void => {
      for (const chat of [one, two]) {
        expect(messages.count(chat.id)).toBe(actual(chat.id))
        expect(chats.get(chat.id).messageCount).toBe(actual(chat.id))
      }
    }
    expectCounts()
    messages.insertMany(
      one.id,
      Array.from({ length: 120 }, (_, i) => ({ role: 'user' as const, content: `m${i}`, status: 'complete' as const }))
    )
    const single = messages.insert({ chatId: two.id, role: 'user', content: 'hi', status: 'complete' })
    messages.insertImported({
      chatId: two.id,
      seq: 10,
      role: 'assistant',
      content: 'imported',
      swipes: [],
      swipeIndex: 0,
      metadata: {},
      createdAt: new Date().toISOString()
    })
    expectCounts()
    expect(messages.count(one.id)).toBe(120)
    for (const m of messages.page(one.id, { limit: 7 }).messages) messages.delete(m.id)
    messages.delete(single.id)
    expectCounts()
    expect(messages.count(one.id)).toBe(113)
    // Deleting a chat takes its messages (cascade) without disturbing another chat's count.
    chats.delete(one.id)
    expect(messages.count(one.id)).toBe(0)
    expect(chats.get(two.id).messageCount).toBe(actual(two.id))
    expect(actual(two.id)).toBe(1)
    db.close()
  })
})
