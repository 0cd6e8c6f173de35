import { mkfifoSync } from '../../../../tests/helpers/fifo'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { storiesModel, tinyLlamaModel } from '../../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../../tests/helpers/tempDir'
import { malformedGgufs } from '../../../../tests/helpers/gguf/malformedGgufs'
import { writeGguf } from '../../../../tests/helpers/gguf/writeGguf'
import { inspectModel } from '../inspectModel'
import { DEFAULT_PROBE_LIMITS, readGgufSafely } from './readGgufSafely'

const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : `not typed: ${String(error)}`)

describe('readGgufSafely reads untrusted GGUF headers in a bounded worker', () => {
  const tempDir = useTempDir()

  it('reads the shared GGUFs', async () => {
    const stories = await readGgufSafely(storiesModel)
    expect(stories).toMatchObject({ version: 3, tensorCount: 48, metadata: { 'llama.block_count': 5 } })
    expect(stories.metadata['tokenizer.ggml.tokens']).toMatchObject({ arrayOf: 8, length: 512 })
    expect((await readGgufSafely(tinyLlamaModel)).metadata['general.name']).toBe('LLaMA v2')
  })

  it('refuses every hostile header with MODEL_FILE_INVALID, through inspectModel too', async () => {
    const dir = tempDir()
    for (const [name, bytes] of Object.entries(malformedGgufs())) {
      const path = join(dir, name)
      writeFileSync(path, bytes)
      const error = await inspectModel(path).catch((e: unknown) => e)
      expect(codeOf(error), name).toBe('MODEL_FILE_INVALID')
      expect((error as Error).message, name).toMatch(/^[\w.-]+\.gguf (is|is not) /)
    }
  })

  it('says a file that is not GGUF at all is not a GGUF model, short or long, without quoting its bytes', async () => {
    const dir = tempDir()
    for (const [name, text] of [
      ['hostname', 'vm\n'],
      ['notes.txt', 'secret-token-123 and more text than the four bytes of a GGUF signature\n']
    ]) {
      const path = join(dir, name!)
      writeFileSync(path, text!)
      const error = await readGgufSafely(path).catch((e: unknown) => e)
      expect(codeOf(error), name).toBe('MODEL_FILE_INVALID')
      expect((error as Error).message, name).toBe(`${name} is not a GGUF model. Pick a .gguf file.`)
    }
  })

  it('refuses a pipe at once instead of waiting for a writer', async () => {
    const fifo = join(tempDir(), 'adapter.gguf')
    mkfifoSync(fifo)
    const error = await readGgufSafely(fifo).catch((e: unknown) => e)
    expect(codeOf(error)).toBe('MODEL_FILE_INVALID')
    expect((error as Error).message).toMatch(/not a regular file/)
  })

  it('stops a probe that overruns its time or memory, and the caller gets a typed error', async () => {
    const slow = await readGgufSafely(storiesModel, { timeoutMs: 1 }).catch((e: unknown) => e)
    expect(codeOf(slow)).toBe('MODEL_FILE_INVALID')
    expect((slow as Error).message).toMatch(/too long/)
    const path = join(tempDir(), 'big-strings.gguf')
    writeFileSync(path, writeGguf({ a: 'x'.repeat(20_000_000), b: 'y'.repeat(20_000_000) }, []))
    const hungry = await readGgufSafely(path, {
      memoryMb: 8,
      limits: { ...DEFAULT_PROBE_LIMITS, maxStringBytes: 1 << 30 }
    }).catch((e: unknown) => e)
    expect(codeOf(hungry)).toBe('MODEL_FILE_INVALID')
    expect((hungry as Error).message).toMatch(/more than 8 MB|could not be read|stopped/)
  })
})
