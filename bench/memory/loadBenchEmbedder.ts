import { join } from 'node:path'
import { getLlama, LlamaLogLevel } from 'node-llama-cpp'
import type { Embedder } from '../../src/main/llm/embed/Embedder'
import { LlamaEmbedder } from '../../src/main/llm/embed/LlamaEmbedder'
import { Model2VecEmbedder } from '../../src/main/llm/embed/Model2VecEmbedder'
import { physicalCoreCount } from '../../src/main/llm/physicalCoreCount'

/** The bundled potion-base-2M, as the app ships it. */
export function loadBundledEmbedder(): Promise<Embedder> {
  return Model2VecEmbedder.load(join(process.cwd(), 'resources', 'embeddings', 'potion-base-2M'))
}

/**
 * The embedder LoCoMo recall runs with: the bundled one, or the GGUF embedding model given with `--embedding PATH`,
 * loaded as the app's embedding-model setting loads it (same class, prefixes and threads), so the setting's effect
 * on recall can be measured by anyone who has such a model.
 */
export async function loadBenchEmbedder(ggufPath: string | undefined): Promise<Embedder> {
  if (!ggufPath) return loadBundledEmbedder()
  const threads = physicalCoreCount()
  const llama = await getLlama({ build: 'never', maxThreads: threads, logLevel: LlamaLogLevel.error })
  return LlamaEmbedder.load(llama, ggufPath, threads)
}
