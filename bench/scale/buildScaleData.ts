import type { Core } from '../../src/main/core'
import type { NewMemory } from '../../src/main/db/repositories/MemoryRepository'
import { fillMemories } from '../memory/fillMemories'

const WORDS = (
  'travel family dog cat garden coffee music guitar painting hiking beach mountain city school work office project ' +
  'birthday party dinner recipe pasta sushi ramen book novel movie series game soccer tennis running yoga friend sister ' +
  'brother mother father vacation flight train car bike rain snow summer winter spring autumn morning evening weekend'
).split(' ')

/** Deterministic everyday chat lines of varied length, so every run measures the same chat. */
export function chatLine(i: number): string {
  let x = (i + 1) * 2654435761
  const pick = (): string => {
    x = (x * 1103515245 + 12345) >>> 0
    return WORDS[x % WORDS.length]!
  }
  const base = `Today I thought about the ${pick()} and my ${pick()} near the ${pick()}.`
  return i % 5 === 0 ? `${base} Then we talked about ${pick()}, ${pick()} and ${pick()} for a while.` : base
}

/** A chat of `size` ordinary messages, stored as the app stores them (the repository, one transaction per 10k). */
export function buildChat(core: Core, characterId: string, size: number, newest: string): string {
  const chat = core.chat.create(characterId, `${size} messages`)
  const start = Date.UTC(2025, 0, 1)
  for (let from = 0; from < size; from += 10_000) {
    const count = Math.min(10_000, size - from)
    core.messages.insertMany(
      chat.id,
      Array.from({ length: count }, (_, k) => {
        const i = from + k
        return {
          role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
          content: i === size - 1 ? newest : chatLine(i),
          status: 'complete' as const,
          createdAt: new Date(start + i * 60_000).toISOString()
        }
      })
    )
  }
  return chat.id
}

/** `count` memories of one character, stored in SQLite and indexed by the app's own repair. */
export async function buildMemories(core: Core, characterId: string, count: number): Promise<void> {
  const start = Date.UTC(2025, 0, 1)
  for (let from = 0; from < count; from += 20_000) {
    const rows: NewMemory[] = Array.from({ length: Math.min(20_000, count - from) }, (_, k) => {
      const i = from + k
      return {
        characterId,
        userId: core.userId,
        chatId: null,
        kind: i % 5 === 0 ? 'fact' : 'message',
        subject: null,
        text: chatLine(i),
        importance: 0.5,
        validFrom: new Date(start + i * 60_000).toISOString(),
        sourceMessageIds: [`m${i}`]
      }
    })
    await fillMemories(core.memory, core.memoryRepository, rows)
  }
  await core.memory.optimize()
}
