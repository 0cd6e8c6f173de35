import type { Message } from '../../shared/domain'
import type { PromptTurn } from '../llm/types'

export interface PromptInput {
  systemPrompt: string
  /** The chat so far, oldest first, ending with the newest user message (or the reply being continued). */
  messages: readonly Message[]
  countTokens: (text: string) => number
  /** Tokens the prompt may use: context size minus the reply's reserve. */
  maxPromptTokens: number
  /** The first message kept last time; kept again while it still fits, so the evaluated prefix stays the same. */
  previousStartId?: string | null
}

export interface PromptTurns {
  turns: PromptTurn[]
  /** Oldest messages that did not fit (candidates for a session summary). */
  droppedMessageIds: string[]
  /** The first history message in the prompt, to pass back as `previousStartId` next turn. */
  startId: string | null
}

/**
 * What the model sees for one stored message. Retrieved context (memories, lore, tone) follows only the newest user
 * message: it is the last thing the model reads before replying, and dropping it from older turns next time only
 * re-reads that one short turn and its reply, not the history before it.
 */
export function renderMessage(message: Message, isNewestUserMessage = false): PromptTurn {
  const text = isNewestUserMessage && message.injectedContext ? `${message.content}\n\n${message.injectedContext}` : message.content
  return { role: message.role, text }
}

/** When history must be cut, cut down to this share of the budget, so the next cuts are many turns away. */
const REFILL_SHARE = 0.7

/**
 * System prompt first, then history. Overflowing history is cut with hysteresis: the previous first message is
 * kept while everything from it still fits; when it no longer does, the oldest messages go until the history uses
 * 70% of the budget. The evaluated prefix (and node-llama-cpp's KV cache) then survives many turns between cuts.
 */
export function buildPromptTurns(input: PromptInput): PromptTurns {
  const system: PromptTurn = { role: 'system', text: input.systemPrompt }
  const newestUser = input.messages.map((m) => m.role).lastIndexOf('user')
  const rendered = input.messages.map((m, i) => renderMessage(m, i === newestUser))
  const costs = rendered.map((turn) => input.countTokens(turn.text) + 4)
  const systemCost = input.countTokens(system.text) + 4
  const suffixCost: number[] = new Array<number>(rendered.length + 1).fill(0)
  for (let i = rendered.length - 1; i >= 0; i--) suffixCost[i] = (suffixCost[i + 1] ?? 0) + (costs[i] ?? 0)
  const fits = (start: number, budget: number): boolean => systemCost + (suffixCost[start] ?? 0) <= budget

  const previous = input.previousStartId ? input.messages.findIndex((m) => m.id === input.previousStartId) : 0
  let start = Math.max(0, previous)
  if (!fits(start, input.maxPromptTokens)) {
    const target = input.maxPromptTokens * REFILL_SHARE
    while (start < rendered.length - 1 && !fits(start, target)) start++
  }
  if (!fits(start, input.maxPromptTokens)) {
    // Even the newest message alone does not fit: keep its end, which is what the user is replying to.
    start = rendered.length - 1
    const last = rendered[start]!
    const room = Math.max(16, input.maxPromptTokens - systemCost - 8)
    rendered[start] = { role: last.role, text: keepTail(last.text, room, input.countTokens) }
  }
  return {
    turns: [system, ...rendered.slice(start)],
    droppedMessageIds: input.messages.slice(0, start).map((m) => m.id),
    startId: input.messages[start]?.id ?? null
  }
}

function keepTail(text: string, maxTokens: number, countTokens: (text: string) => number): string {
  let chars = Math.min(text.length, maxTokens * 4)
  let tail = text.slice(-chars)
  while (chars > 16 && countTokens(tail) > maxTokens) {
    chars = Math.floor(chars * 0.8)
    tail = text.slice(-chars)
  }
  return `[…] ${tail}`
}
