import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultSampling } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { storiesModel, tinyLlamaModel } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { LlmRuntime } from './LlmRuntime'
import type { GenerationResult } from './types'
import { writeGguf } from '../../../tests/helpers/gguf/writeGguf'
import { writeLoraAdapter } from '../../../tests/helpers/gguf/writeLoraAdapter'

const sampling = { ...defaultSampling(), temperature: 0, seed: 1, maxTokens: 48 }
const turns = [
  { role: 'system' as const, text: 'You are a storyteller.' },
  { role: 'user' as const, text: 'Tell me a story about a cat.' }
]

describe('LlmRuntime on the shared tiny GGUFs', () => {
  const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 2048 })
  const tempDir = useTempDir()
  beforeAll(async () => {
    await runtime.load({ path: storiesModel })
  })
  afterAll(async () => {
    await runtime.dispose()
  })

  it('reports what is loaded, with the thread count it was given', async () => {
    const status = await runtime.status()
    expect(status).toMatchObject({ state: 'loaded', path: storiesModel, threads: 1, gpu: false })
    expect(status.metadata?.architecture).toBe('llama')
    expect(status.contextSize).toBeGreaterThanOrEqual(512)
  })

  it('streams text chunks that add up to the final reply', async () => {
    const stream = runtime.stream({ turns, sampling, stopStrings: [] })
    const chunks: string[] = []
    for await (const chunk of stream.chunks) chunks.push(chunk)
    const result = await stream.result
    expect(chunks.length).toBeGreaterThan(3)
    expect(chunks.join('').trim()).toBe(result.text.trim())
    expect(result.outputTokens).toBeGreaterThan(3)
    expect(result.promptTokensEvaluated).toBeGreaterThan(0)
    expect(result.timeToFirstTokenMs).not.toBeNull()
  })

  it('stops on abort and reports a cancelled, partial reply', async () => {
    const controller = new AbortController()
    const stream = runtime.stream({
      turns,
      sampling: { ...sampling, maxTokens: 2000 },
      stopStrings: [],
      signal: controller.signal
    })
    let count = 0
    for await (const chunk of stream.chunks) {
      void chunk
      if (++count === 5) controller.abort()
    }
    const result = await stream.result
    expect(result.stopReason).toBe('cancelled')
    expect(result.outputTokens).toBeLessThan(100)
  })

  it('queues requests on one lane instead of interleaving them', async () => {
    const a = runtime.stream({ turns, sampling, stopStrings: [] })
    const b = runtime.stream({ turns, sampling, stopStrings: [] })
    const [ra, rb] = await Promise.all([a.result, b.result])
    // Greedy decoding of the same prompt: interleaving into one sequence would corrupt one of them.
    expect(rb.text).toBe(ra.text)
  })

  it('produces JSON that parses and matches a bounded schema, integers without an exponent', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 24 },
        traits: { type: 'array', items: { type: 'string', maxLength: 16 }, maxItems: 3 },
        age: { type: 'integer' }
      },
      required: ['name', 'traits', 'age']
    }
    // Fixed seeds at a high temperature: node-llama-cpp's integer rule allows an exponent ("-300e-4" parses to
    // -0.03), which these seeds hit on stories260K; the runtime's grammar must not let any of them through.
    for (let seed = 1; seed <= 40; seed++) {
      const result = await runtime.stream({
        lane: 'task',
        turns: [
          { role: 'system', text: 'Reply in JSON.' },
          { role: 'user', text: 'A hero.' }
        ],
        sampling: { ...sampling, temperature: 1.2, seed, maxTokens: 200 },
        stopStrings: [],
        schema
      }).result
      const value = JSON.parse(result.text) as Record<string, unknown>
      expect(typeof value.name, result.text).toBe('string')
      expect((value.traits as unknown[]).length, result.text).toBeLessThanOrEqual(3)
      expect(Number.isInteger(value.age), result.text).toBe(true)
      expect(result.text, `seed ${seed}`).toMatch(/"age":\s*-?\d+\s*}$/)
    }
  })

  it('lets a chat reply pre-empt background work, which then reports BUSY to be retried', async () => {
    const schema = { type: 'object', properties: { story: { type: 'string', maxLength: 4000 } }, required: ['story'] }
    let chunks = 0
    let chatStarted: Promise<GenerationResult> | undefined
    const background = runtime.generateJson({
      system: 'Write JSON.',
      prompt: 'A long story.',
      schema,
      maxTokens: 3000,
      isBackground: true,
      onTextChunk: () => {
        if (++chunks === 3) chatStarted = runtime.stream({ turns, sampling, stopStrings: [] }).result
      }
    })
    await expect(background).rejects.toMatchObject({ code: 'BUSY' })
    expect(chatStarted).toBeDefined()
    const reply = await chatStarted!
    expect(reply.outputTokens).toBeGreaterThan(0)
  })

  it('refuses bad files with typed errors and keeps the previous model working', async () => {
    const dir = tempDir()
    const notGguf = join(dir, 'notes.gguf')
    writeFileSync(notGguf, 'hello, I am text')
    const truncated = join(dir, 'truncated.gguf')
    writeFileSync(truncated, readFileSync(tinyLlamaModel).subarray(0, 4096))
    const empty = join(dir, 'empty.gguf')
    writeFileSync(empty, '')
    mkdirSync(join(dir, 'folder.gguf'))
    const alienArch = join(dir, 'alien.gguf')
    writeFileSync(
      alienArch,
      writeGguf({ 'general.architecture': 'not-a-real-arch', 'general.name': 'alien' }, [
        { name: 'w', dims: [4, 4], data: new Float32Array(16) }
      ])
    )
    const adapter = join(dir, 'adapter.gguf')
    writeFileSync(adapter, await writeLoraAdapter(storiesModel))
    const cases: [string, string][] = [
      [notGguf, 'MODEL_FILE_INVALID'],
      [truncated, 'MODEL_FILE_INVALID'],
      [empty, 'MODEL_FILE_INVALID'],
      [join(dir, 'folder.gguf'), 'MODEL_FILE_INVALID'],
      [join(dir, 'missing.gguf'), 'MODEL_FILE_NOT_FOUND'],
      [alienArch, 'MODEL_UNSUPPORTED'],
      [adapter, 'MODEL_UNSUPPORTED']
    ]
    for (const [path, code] of cases) {
      const error = await runtime.load({ path }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe(code)
      expect((error as AppError).message.length).toBeGreaterThan(10)
    }
    const status = await runtime.status()
    expect(status).toMatchObject({ state: 'loaded', path: storiesModel })
    const result = await runtime.stream({ turns, sampling, stopStrings: [] }).result
    expect(result.outputTokens).toBeGreaterThan(0)
  })

  it('switches to another model and loads with a context size it is asked for', async () => {
    const copy = join(tempDir(), 'copy.gguf')
    copyFileSync(tinyLlamaModel, copy)
    const status = await runtime.load({ path: copy, contextSize: 1024 })
    expect(status.path).toBe(copy)
    expect(status.contextSize).toBe(1024)
    expect(runtime.countTokens('Hello there, how are you today?')).toBeGreaterThan(4)
    await runtime.load({ path: storiesModel })
  })
})

describe('LlmRuntime without a model', () => {
  it('says no model is loaded', async () => {
    const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 2048 })
    const error = await runtime.stream({ turns, sampling, stopStrings: [] }).result.catch((e: unknown) => e)
    expect((error as AppError).code).toBe('MODEL_NOT_LOADED')
    await runtime.dispose()
  })
})
