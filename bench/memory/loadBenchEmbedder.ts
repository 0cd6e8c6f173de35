import { join } from 'node:path'
import { getLlama, LlamaLogLevel } from 'node-llama-cpp'
import type { Embedder } from '../../src/main/llm/embed/Embedder'
import { loadEmbedder } from '../../src/main/llm/embed/loadEmbedder'
import { Model2VecEmbedder } from '../../src/main/llm/embed/Model2VecEmbedder'
import { physicalCoreCount } from '../../src/main/llm/physicalCoreCount'
import { OnnxRuntime } from '../../src/main/onnx/OnnxRuntime'

/** The bundled potion-base-2M, as the app ships it. */
export function loadBundledEmbedder(): Promise<Embedder> {
  return Model2VecEmbedder.load(join(process.cwd(), 'resources', 'embeddings', 'potion-base-2M'))
}

/**
 * The embedder LoCoMo recall runs with: the bundled one, or the GGUF file or ONNX folder given with `--embedding PATH`,
 * loaded as the app's embedding-model setting loads it (same classes, prefixes, pooling and threads), so the setting's
 * effect on recall can be measured by anyone who has such a model. The ONNX worker ends with the bench process.
 */
export async function loadBenchEmbedder(path: string | undefined): Promise<Embedder> {
  if (!path) return loadBundledEmbedder()
  const threads = physicalCoreCount()
  const onnx = new OnnxRuntime(threads)
  const embedder = await loadEmbedder(path, {
    getLlama: () => getLlama({ build: 'never', maxThreads: threads, logLevel: LlamaLogLevel.error }),
    onnx,
    threads,
    onnxDtype: 'q8'
  })
  const dispose = embedder.dispose.bind(embedder)
  return Object.assign(embedder, {
    dispose: async () => {
      await dispose()
      await onnx.dispose()
    }
  })
}
