import type { Memory } from '../../shared/domain'

export interface PackedMemories {
  used: Memory[]
  /** The block injected before the user's message; empty when nothing was recalled. */
  block: string
  tokens: number
}

function line(memory: Memory): string {
  const date = memory.validFrom.slice(0, 10)
  const state = memory.validTo ? ` (no longer true since ${memory.validTo.slice(0, 10)})` : ''
  return `- [${date}] ${memory.text}${state}`
}

/** Takes ranked memories in order while they fit the token budget; small models need a small, dense block. */
export function packMemories(
  ranked: readonly Memory[],
  budgetTokens: number,
  countTokens: (text: string) => number,
  header: string
): PackedMemories {
  const used: Memory[] = []
  const lines: string[] = []
  let tokens = countTokens(header) + 2
  for (const memory of ranked) {
    const text = line(memory)
    const cost = countTokens(text) + 1
    if (tokens + cost > budgetTokens) continue
    used.push(memory)
    lines.push(text)
    tokens += cost
  }
  if (used.length === 0) return { used, block: '', tokens: 0 }
  return { used, block: `[${header}]\n${lines.join('\n')}`, tokens }
}

/** About four characters a token for English: used when no model is loaded to count exactly. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}
