import { afterEach, beforeEach } from 'vitest'
import type { Core, CoreOptions } from '../../src/main/core'
import type { SamplingSettings } from '../../src/shared/domain'
import { tinyLlamaModel } from './sharedPaths'
import { useTempDir } from './tempDir'
import { createTestCore } from './testCore'

/**
 * A fresh core per test with the Llama-2-tokenizer tiny GGUF loaded (realistic prompt sizes), greedy short replies
 * and model memory extraction off; disposed after the test. `core()` is valid inside tests and hooks.
 */
export function useTinyModelCore(options: { maxTokens?: number; coreOptions?: () => CoreOptions } = {}): () => Core {
  const tempDir = useTempDir()
  let core: Core | null = null
  beforeEach(async () => {
    core = await createTestCore(tempDir(), options.coreOptions?.() ?? {})
    const sampling: Partial<SamplingSettings> = { temperature: 0, seed: 1, maxTokens: options.maxTokens ?? 8 }
    core.settings.update({ sampling, isModelMemoryExtractionOn: false })
    await core.runtime.load({ path: tinyLlamaModel })
  })
  afterEach(async () => {
    await core?.dispose()
    core = null
  })
  return () => {
    if (!core) throw new Error('useTinyModelCore: the core exists only inside a test')
    return core
  }
}
