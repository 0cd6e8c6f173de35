import {
  LlamaText,
  type ChatHistoryItem,
  type ChatWrapper,
  type LlamaModel,
  type LlamaTextValue,
  type Token
} from 'node-llama-cpp'
import { keepSystemPromptFirst } from './keepSystemPromptFirst'
import type { PromptTurn } from './types'

export interface RenderedPrompt {
  tokens: Token[]
  /** How many of the last tokens belong to the assistant turn being continued (0 for a new reply). */
  openTurnTokens: number
  /** Tokens after the last assistant turn: what the newest user turn added, template markers included. */
  tailTokens: number
  /** The chat template's own end-of-turn triggers. */
  stopTriggers: LlamaText[]
  /** The prompt's last characters, special tokens as text (does the template open a thought for the model?). */
  endText: string
}

/** Private-use characters around a per-render nonce: they cannot clash with any real text of the prompt. */
const MARK = /\uE000([0-9a-z]+):(\d+)\uE001/g

/**
 * Turns -> the exact tokens the chat lane evaluates. The chat template (node-llama-cpp's chat wrapper) renders the
 * whole conversation, but every assistant turn is cut out and tokenized on its own, as the tokens it was generated
 * as when they are known. A reply's text does not always tokenize back to the tokens the model sampled, and the
 * template text around it would merge with its edges; either way the next turn's prompt would stop matching the
 * KV cache inside the previous reply and re-read everything after it. Pieces between replies are tokenized
 * separately too, so each piece comes out the same every turn.
 */
export function renderPromptTokens(
  wrapper: ChatWrapper,
  model: LlamaModel,
  promptTurns: readonly PromptTurn[],
  isContinuation = false
): RenderedPrompt {
  const turns = keepSystemPromptFirst(wrapper, promptTurns)
  const nonce = Math.random().toString(36).slice(2, 10)
  const assistantTurns: PromptTurn[] = []
  const history: ChatHistoryItem[] = turns.map((turn): ChatHistoryItem => {
    if (turn.role === 'system') return { type: 'system', text: turn.text }
    if (turn.role === 'user') return { type: 'user', text: turn.text }
    return { type: 'model', response: [`\uE000${nonce}:${assistantTurns.push(turn) - 1}\uE001`] }
  })
  const isContinuing = isContinuation && turns[turns.length - 1]?.role === 'assistant'
  if (!isContinuing) history.push({ type: 'model', response: [] })
  const state = wrapper.generateContextState({ chatHistory: history })

  const tokens: Token[] = []
  let piece: LlamaTextValue[] = []
  let lastTurnTokens = 0
  let lastTurnEnd = 0
  const flush = (): void => {
    // Like LlamaText.tokenize: only the very start of the prompt may get the tokenizer's leading space.
    tokens.push(...LlamaText(piece).tokenize(model.tokenizer, tokens.length > 0 ? 'trimLeadingSpace' : undefined))
    piece = []
  }
  for (const value of state.contextText.values) {
    if (typeof value !== 'string') {
      piece.push(value)
      continue
    }
    let at = 0
    for (const match of value.matchAll(MARK)) {
      if (match[1] !== nonce) continue
      piece.push(value.slice(at, match.index))
      flush()
      const turn = assistantTurns[Number(match[2])]!
      const turnTokens = turn.tokens ?? model.tokenize(turn.text, false, 'trimLeadingSpace')
      tokens.push(...turnTokens)
      lastTurnTokens = turnTokens.length
      lastTurnEnd = tokens.length
      at = match.index + match[0].length
    }
    piece.push(value.slice(at))
  }
  const lengthBeforeTail = tokens.length
  flush()
  const endsWithTurn = tokens.length === lengthBeforeTail
  return {
    tokens,
    openTurnTokens: isContinuing && endsWithTurn ? lastTurnTokens : 0,
    tailTokens: tokens.length - lastTurnEnd,
    stopTriggers: state.stopGenerationTriggers,
    endText: state.contextText.toString().slice(-200)
  }
}
