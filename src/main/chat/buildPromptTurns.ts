import type { Message } from '../../shared/domain'
import type { PromptTurn } from '../llm/types'

export interface PromptInput {
  systemPrompt: string
  /** The chat so far, oldest first, ending with the newest user message (or the reply being continued). */
  messages: readonly Message[]
  countTokens: (text: string) => number
  /** Tokens the prompt may use: context size minus the reply's reserve. */
  maxPromptTokens: number
}

export interface PromptTurns {
  turns: PromptTurn[]
  /** Oldest messages that did not fit (candidates for a session summary). */
  droppedMessageIds: string[]
}

/** What the model sees for one stored message: the injected context stays glued to its message forever. */
export function renderMessage(message: Message): PromptTurn {
  const text = message.role === 'user' && message.injectedContext ? `${message.injectedContext}\n\n${message.content}` : message.content
  return { role: message.role, text }
}

/** Messages are dropped in blocks of this many, so the first kept message changes rarely. */
const DROP_BLOCK = 8

/**
 * System prompt first, then history. When history overflows, the oldest messages are dropped in whole blocks:
 * the first kept message then stays the same for many turns, and so does the evaluated prefix (KV cache).
 */
export function buildPromptTurns(input: PromptInput): PromptTurns {
  const system: PromptTurn = { role: 'system', text: input.systemPrompt }
  const rendered = input.messages.map(renderMessage)
  const costs = rendered.map((turn) => input.countTokens(turn.text) + 4)
  const systemCost = input.countTokens(system.text) + 4
  const suffixCost: number[] = new Array<number>(rendered.length + 1).fill(0)
  for (let i = rendered.length - 1; i >= 0; i--) suffixCost[i] = (suffixCost[i + 1] ?? 0) + (costs[i] ?? 0)
  const fits = (start: number): boolean => systemCost + (suffixCost[start] ?? 0) <= input.maxPromptTokens

  let start = 0
  while (start < rendered.length - 1 && !fits(start)) start = Math.min(start + DROP_BLOCK, rendered.length - 1)
  if (!fits(start)) {
    // Even the newest message alone does not fit: keep its end, which is what the user is replying to.
    start = rendered.length - 1
    const last = rendered[start]!
    const room = Math.max(16, input.maxPromptTokens - systemCost - 8)
    rendered[start] = { role: last.role, text: keepTail(last.text, room, input.countTokens) }
  }
  return {
    turns: [system, ...rendered.slice(start)],
    droppedMessageIds: input.messages.slice(0, start).map((m) => m.id)
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
