import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultSampling } from '../../shared/domain'
import { mkfifoSync } from '../../../tests/helpers/fifo'
import { malformedGgufs } from '../../../tests/helpers/gguf/malformedGgufs'
import type { ModelStatus } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { writeLoraAdapter } from '../../../tests/helpers/gguf/writeLoraAdapter'
import { storiesModel, tinyLlamaModel } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { LlmRuntime } from '../llm/LlmRuntime'
import { checkLoraCompatibility } from '../llm/checkLoraCompatibility'

describe('LoRA adapters on the tiny GGUF', () => {
  const tempDir = useTempDir()
  const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 2048 })
  beforeAll(async () => {
    await runtime.load({ path: storiesModel })
  })
  afterAll(async () => {
    await runtime.dispose()
  })
  const greedy = async (): Promise<string> =>
    (
      await runtime.stream({
        turns: [{ role: 'user', text: 'Once upon a time' }],
        sampling: { ...defaultSampling(), temperature: 0, seed: 1, maxTokens: 20, repeatPenalty: 1 },
        stopStrings: []
      }).result
    ).text

  it('scale 0 gives the base output, scale 1 changes it, without reloading the base model', async () => {
    const adapter = join(tempDir(), 'friendly.lora.gguf')
    writeFileSync(adapter, await writeLoraAdapter(storiesModel))
    await checkLoraCompatibility(storiesModel, adapter)
    const base = await greedy()
    expect((await runtime.setLoras([{ path: adapter, scale: 0 }])).loras).toEqual([{ path: adapter, scale: 0 }])
    expect(await greedy()).toBe(base)
    await runtime.setLoras([{ path: adapter, scale: 1 }])
    expect(await greedy()).not.toBe(base)
    await runtime.setLoras([])
    expect(await greedy()).toBe(base)
  })

  it('refuses adapters that do not fit, and keeps working', async () => {
    const dir = tempDir()
    const cases: [string, Buffer][] = [
      ['wrong-dims.gguf', await writeLoraAdapter(storiesModel, { widen: 8 })],
      ['other-model.gguf', await writeLoraAdapter(tinyLlamaModel)],
      ['other-arch.gguf', await writeLoraAdapter(storiesModel, { architecture: 'gpt2' })]
    ]
    for (const [name, bytes] of cases) {
      const path = join(dir, name)
      writeFileSync(path, bytes)
      const error = await runtime.setLoras([{ path, scale: 1 }]).catch((e: unknown) => e)
      expect(error, name).toBeInstanceOf(AppError)
      expect((error as AppError).code, name).toBe('ADAPTER_INCOMPATIBLE')
    }
    await expect(checkLoraCompatibility(storiesModel, storiesModel)).rejects.toThrow(/not a LoRA adapter/)
    expect((await runtime.status()).loras).toEqual([])
    expect((await greedy()).length).toBeGreaterThan(0)
  })

  it('refuses a pipe or a hostile file as an adapter at once, and the load queue keeps moving', async () => {
    const dir = tempDir()
    const fifo = join(dir, 'pipe.lora.gguf')
    mkfifoSync(fifo)
    const hostile = join(dir, 'hostile.lora.gguf')
    writeFileSync(hostile, malformedGgufs()['array-2e40.gguf']!)
    // Bounded: on a pipe the old code waited forever for a writer, holding the load queue.
    const within = <T>(promise: Promise<T>): Promise<T | 'timed out'> =>
      Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), 15_000))])
    for (const path of [fifo, hostile]) {
      const viaModels = await within(runtime.setLoras([{ path, scale: 1 }]).catch((e: unknown) => e))
      expect((viaModels as AppError).code, path).toBe('ADAPTER_INCOMPATIBLE')
      // A character card's profile hands its adapters to the same path.
      const viaCharacter = await within(runtime.useLorasFor([{ path, scale: 1 }]).catch((e: unknown) => e))
      expect((viaCharacter as AppError).code, path).toBe('ADAPTER_INCOMPATIBLE')
    }
    expect((await within(runtime.setLoras([]))) as ModelStatus).toMatchObject({ loras: [] })
    expect((await greedy()).length).toBeGreaterThan(0)
  })

  it("applies a character's own adapter while it speaks, and the app-wide default otherwise", async () => {
    const dir = tempDir()
    const adapter = join(dir, 'tone.lora.gguf')
    writeFileSync(adapter, await writeLoraAdapter(storiesModel))
    await runtime.setDefaultLoras([])
    expect((await runtime.useLorasFor([{ path: adapter, scale: 0.5 }])).loras).toEqual([{ path: adapter, scale: 0.5 }])
    expect((await runtime.useLorasFor([])).loras).toEqual([])
    await runtime.setDefaultLoras([{ path: adapter, scale: 1 }])
    expect((await runtime.useLorasFor([])).loras).toEqual([{ path: adapter, scale: 1 }])
    await runtime.setDefaultLoras([])
  })
})
