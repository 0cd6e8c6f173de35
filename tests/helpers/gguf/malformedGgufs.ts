import { readFileSync } from 'node:fs'
import { storiesModel } from '../sharedPaths'
import { patchGguf, writeGguf } from './writeGguf'

/**
 * GGUF files that killed or hung the app (issue 13, findings 3 and 13), each from the loadable stories260K model
 * with one field made hostile. Every one must be refused with a typed error, and the process must live.
 */
export function malformedGgufs(): Record<string, Buffer> {
  const stories = readFileSync(storiesModel)
  return {
    'zero-layers.gguf': patchGguf(stories, { u32: { 'llama.block_count': 0 } }),
    'absurd-layers.gguf': patchGguf(stories, { u32: { 'llama.block_count': 2_000_000_000 } }),
    'zero-heads.gguf': patchGguf(stories, { u32: { 'llama.attention.head_count': 0 } }),
    'zero-kv-heads.gguf': patchGguf(stories, { u32: { 'llama.attention.head_count_kv': 0 } }),
    'array-2e40.gguf': patchGguf(stories, { arrayLength: { 'tokenizer.ggml.tokens': 2n ** 40n } }),
    'array-1e8-strings.gguf': patchGguf(stories, { arrayLength: { 'tokenizer.ggml.tokens': 100_000_000n } }),
    'tensors-2e62.gguf': patchGguf(stories, { tensorCount: 2n ** 62n }),
    'kvs-2e62.gguf': patchGguf(stories, { kvCount: 2n ** 62n }),
    'version-99.gguf': patchGguf(stories, { version: 99 }),
    'header-only.gguf': stories.subarray(0, 24),
    'no-layer-count.gguf': writeGguf({ 'general.architecture': 'llama', 'llama.attention.head_count': 2 }, [
      { name: 'w', dims: [4, 4], data: new Float32Array(16) }
    ])
  }
}
