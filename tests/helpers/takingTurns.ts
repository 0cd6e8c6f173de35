import type { NewMessage } from '../../src/main/db/repositories/insertMessages'

/** `count` complete messages taking turns, the user first, the i-th saying `line(i)`: for `messages.insertMany`. */
export function takingTurns(
  count: number,
  line: (i: number) => string = (i) => `message ${i}`
): Omit<NewMessage, 'chatId'>[] {
  return Array.from({ length: count }, (_, i) => ({
    role: i % 2 ? ('assistant' as const) : ('user' as const),
    content: line(i),
    status: 'complete' as const
  }))
}

/** Everyday talk of days by the river: a few hundred turns overflow the tiny model's 2,048-token context. */
export const riverTalk = (i: number): string =>
  i % 2 ? `That sounds lovely, tell me more about day ${i}.` : `Today I walked by the river, day ${i}.`
