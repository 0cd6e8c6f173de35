import {
  ChatMLChatWrapper,
  GemmaChatWrapper,
  GeneralChatWrapper,
  getLlama,
  Llama2ChatWrapper,
  Llama3_1ChatWrapper,
  MistralChatWrapper,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaModel
} from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tinyLlamaModel } from '../../../tests/helpers/sharedPaths'
import { dropCutTokens } from './dropCutTokens'
import { renderPromptTokens } from './renderPromptTokens'
import type { PromptTurn } from './types'

const system: PromptTurn = { role: 'system', text: 'You are Aiko, a cheerful librarian. Stay in character.' }
const history: PromptTurn[] = Array.from({ length: 6 }, (_, i): PromptTurn[] => [
  { role: 'user', text: `Day ${i}: I went hiking with my sister and we saw a lot of birds near the lake.` },
  { role: 'assistant', text: `Oh, day ${i} sounds lovely! Tell me more about the birds you saw near the lake.` }
]).flat()
const newest: PromptTurn = { role: 'user', text: 'What should I read tonight?' }

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

describe('dropCutTokens on a real KV cache', () => {
  let llama: Llama
  let model: LlamaModel
  let context: LlamaContext
  beforeAll(async () => {
    llama = await getLlama({ gpu: false, maxThreads: 1, build: 'never' })
    model = await llama.loadModel({ modelPath: tinyLlamaModel })
    context = await model.createContext({ contextSize: 2048, threads: 1 })
  })
  afterAll(async () => {
    await context.dispose()
    await model.dispose()
    await llama.dispose()
  })

  const templates: [string, ChatWrapper][] = [
    ['ChatML', new ChatMLChatWrapper()],
    ['Llama 3.1', new Llama3_1ChatWrapper()],
    ['Gemma', new GemmaChatWrapper()],
    ['Mistral', new MistralChatWrapper()],
    ['Llama 2', new Llama2ChatWrapper()],
    ['General', new GeneralChatWrapper()]
  ]
  it.each(templates)('keeps the turns after a cut cached (%s template)', async (_, wrapper) => {
    const sequence = context.getSequence()
    try {
      const before = renderPromptTokens(wrapper, model, [system, ...history]).tokens
      await sequence.evaluateWithoutGeneratingNewTokens(before)
      // The two oldest turns are cut; the rest of the history and a new message follow the system prompt.
      const after = renderPromptTokens(wrapper, model, [system, ...history.slice(2), newest]).tokens
      const keptBefore = sequence.compareContextTokens(after).firstDifferentIndex
      const dropped = await dropCutTokens(sequence, after)
      expect(dropped.erased).toBeGreaterThan(0)
      expect(dropped.shifted).toBeGreaterThan(0)
      // Before, only the system prompt matched; now as much is cached as on a turn without a cut (the new message's
      // turn is read; Mistral's template also moves the system prompt into the newest user turn).
      const kept = sequence.compareContextTokens(after).firstDifferentIndex
      expect(keptBefore).toBeLessThan(after.length / 3)
      const uncut = renderPromptTokens(wrapper, model, [system, ...history, newest]).tokens
      const uncutFresh = uncut.length - commonPrefix(before, uncut)
      expect(after.length - kept).toBeLessThanOrEqual(uncutFresh)
    } finally {
      await sequence.dispose()
    }
  })

  it('leaves the cache alone when the prompt is no cut of it (an edited message)', async () => {
    const sequence = context.getSequence()
    try {
      const wrapper = new ChatMLChatWrapper()
      await sequence.evaluateWithoutGeneratingNewTokens(renderPromptTokens(wrapper, model, [system, ...history]).tokens)
      const edited = renderPromptTokens(wrapper, model, [
        system,
        { role: 'user', text: 'Something else entirely, said in other words than before.' },
        ...history.slice(1)
      ]).tokens
      const cached = sequence.nextTokenIndex
      expect(await dropCutTokens(sequence, edited)).toEqual({ erased: 0, shifted: 0 })
      expect(sequence.nextTokenIndex).toBe(cached)
    } finally {
      await sequence.dispose()
    }
  })
})
