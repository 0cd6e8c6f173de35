import { GeneralChatWrapper, getLlama, type ChatWrapperSettings, type Llama, type LlamaContext } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultSampling } from '../../shared/domain'
import { tinyLlamaModel } from '../../../tests/helpers/sharedPaths'
import { hideSegments } from './hideSegments'
import { LlmRuntime } from './LlmRuntime'
import { streamReply } from './streamReply'
import type { GenerationResult, PromptTurn } from './types'

const sampling = { ...defaultSampling(), temperature: 0, seed: 1, maxTokens: 24 }
const opening: PromptTurn[] = [
  { role: 'system', text: 'You are Aiko, a cheerful baker.' },
  { role: 'user', text: 'Hello! What did you bake today?' }
]
const followUp: PromptTurn = { role: 'user', text: 'That sounds lovely. Any plans for tomorrow?' }

describe('chat replies from prompt tokens (the random-weight Llama GGUF: its replies rarely re-tokenize the same)', () => {
  const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 2048 })
  const reply = (
    turns: PromptTurn[],
    stopStrings: string[] = [],
    isContinuation = false,
    temperature = 0
  ): Promise<GenerationResult> =>
    runtime.stream({ turns, sampling: { ...sampling, temperature, maxTokens: 40 }, stopStrings, isContinuation }).result
  beforeAll(async () => {
    await runtime.load({ path: tinyLlamaModel })
  })
  afterAll(async () => {
    await runtime.dispose()
  })

  it('replays a reply as the tokens it was generated as, so the next turn evaluates only what follows it', async () => {
    // Sampled, as chat replies are (seeded, so the same turn can be replayed below).
    const first = await reply(opening, [], false, 0.8)
    expect(first.turnTokens!.length).toBeGreaterThan(0)
    const withTokens = await reply([
      ...opening,
      { role: 'assistant', text: first.text, tokens: first.turnTokens },
      followUp
    ])
    expect(withTokens.promptTailTokens).toBeGreaterThanOrEqual(runtime.countTokens(followUp.text))
    // The previous reply's last sampled token was never fed back; everything before it comes from the KV cache.
    expect(withTokens.promptTokensEvaluated).toBeLessThanOrEqual(withTokens.promptTailTokens! + 1)

    // The same turn from the reply's text alone: the seed gives the same reply, but its re-tokenized text differs
    // from what sits in the cache, so much of the reply is read again.
    const again = await reply(opening, [], false, 0.8)
    expect(again.turnTokens).toEqual(first.turnTokens)
    const fromText = await reply([...opening, { role: 'assistant', text: again.text }, followUp])
    expect(fromText.promptTokens).not.toBe(withTokens.promptTokens)
    expect(fromText.promptTokensEvaluated).toBeGreaterThan(withTokens.promptTokensEvaluated + 10)
  })

  it("ends at a stop string: the text stops before it, and the reply's tokens still match the cache", async () => {
    const full = await reply(opening)
    const stop = full.text.slice(12, 16)
    const cut = await reply(opening, [stop])
    expect(cut.stopReason).toBe('stopString')
    expect(cut.text).toBe(full.text.slice(0, full.text.indexOf(stop)))
    const next = await reply([...opening, { role: 'assistant', text: cut.text, tokens: cut.turnTokens }, followUp])
    // At most the few tokens around the cut differ from what the cache holds.
    expect(next.promptTokensEvaluated).toBeLessThanOrEqual(next.promptTailTokens! + 4)
  })

  it("continues a reply after the tokens it already has, reporting the whole turn's tokens", async () => {
    const start = await reply(opening)
    const continued = await reply(
      [...opening, { role: 'assistant', text: start.text, tokens: start.turnTokens }],
      [],
      true
    )
    expect(continued.promptTailTokens).toBe(0)
    expect(continued.promptTokensEvaluated).toBeLessThanOrEqual(1)
    expect(continued.turnTokens!.slice(0, start.turnTokens!.length)).toEqual(start.turnTokens)
    expect(continued.turnTokens!.length).toBeGreaterThan(start.turnTokens!.length)
  })
})

describe("chat replies with a hidden segment (a reasoning model's thoughts)", () => {
  /** The General template, with "thought" markers taken from what the random-weight model writes anyway. */
  class MarkedThoughts extends GeneralChatWrapper {
    override readonly settings: ChatWrapperSettings
    constructor(open: string, close: string) {
      super()
      this.settings = { ...new GeneralChatWrapper().settings, segments: { thought: { prefix: open, suffix: close } } }
    }
  }
  let llama: Llama
  let context: LlamaContext
  beforeAll(async () => {
    llama = await getLlama({ gpu: false, maxThreads: 1, build: 'never' })
    const model = await llama.loadModel({ modelPath: tinyLlamaModel })
    context = await model.createContext({ contextSize: 1024, threads: 1 })
  })
  afterAll(async () => {
    await context.model.dispose()
    await llama.dispose()
  })

  it('streams and returns only the visible text, and gives tokens that spell it', async () => {
    const sequence = context.getSequence()
    const request = { turns: opening, sampling: { ...sampling, maxTokens: 40 }, stopStrings: [] }
    const plain = await streamReply(sequence, new GeneralChatWrapper(), request).result
    const segment = { open: plain.text.slice(6, 10), close: plain.text.slice(20, 24) }
    expect(plain.text.indexOf(segment.close, plain.text.indexOf(segment.open) + 4)).toBeGreaterThan(0)
    const stream = streamReply(sequence, new MarkedThoughts(segment.open, segment.close), request)
    const chunks: string[] = []
    for await (const chunk of stream.chunks) chunks.push(chunk)
    const result = await stream.result
    expect(result.text).toBe(hideSegments(plain.text, [segment]))
    expect(result.text.length).toBeLessThan(plain.text.length - 8)
    expect(chunks.join('')).toBe(result.text)
    expect(context.model.detokenize(result.turnTokens!)).toBe(
      context.model.detokenize(context.model.tokenize(result.text, false, 'trimLeadingSpace'))
    )
    await sequence.dispose()
  })
})

describe('chat replies with a template that moves the system prompt (Mistral)', () => {
  const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 2048 })
  beforeAll(async () => {
    await runtime.load({ path: tinyLlamaModel, chatTemplate: 'mistral' })
  })
  afterAll(async () => {
    await runtime.dispose()
  })

  it('keeps the system prompt first, so the next turn reads neither it nor the turns before again', async () => {
    const profile: PromptTurn = {
      role: 'system',
      text: `You are Aiko, a cheerful baker. ${'She loves bread, cakes and long stories about flour. '.repeat(8)}`
    }
    const turns = [profile, opening[1]!]
    const first = await runtime.stream({ turns, sampling: { ...sampling, maxTokens: 12 }, stopStrings: [] }).result
    const second = await runtime.stream({
      turns: [...turns, { role: 'assistant', text: first.text, tokens: first.turnTokens }, followUp],
      sampling: { ...sampling, maxTokens: 12 },
      stopStrings: []
    }).result
    expect(second.promptTokensEvaluated).toBeLessThanOrEqual(second.promptTailTokens! + 1)
    expect(second.promptTokensEvaluated).toBeLessThan(runtime.countTokens(profile.text))
  })
})
