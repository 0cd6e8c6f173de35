import { basename } from 'node:path'
import type { Llama, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp'
import { AppError } from '../../../shared/errors'
import { inspectModel } from '../../models/inspectModel'
import type { Embedder } from './Embedder'

/** A GGUF embedding model the user chose (e.g. nomic-embed, bge), run by node-llama-cpp beside the chat model. */
export class LlamaEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimensions: number,
    private readonly model: LlamaModel,
    private readonly context: LlamaEmbeddingContext
  ) {}

  static async load(llama: Llama, path: string, threads: number): Promise<LlamaEmbedder> {
    const metadata = await inspectModel(path, llama)
    const model = await llama.loadModel({ modelPath: path, gpuLayers: 'auto' })
    try {
      const context = await model.createEmbeddingContext({ threads })
      const probe = await context.getEmbeddingFor('probe')
      return new LlamaEmbedder(`gguf:${basename(path)}:${metadata.fileSizeBytes}`, probe.vector.length, model, context)
    } catch (cause) {
      await model.dispose()
      throw new AppError('MODEL_UNSUPPORTED', `${basename(path)} cannot produce embeddings.`, { cause })
    }
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = []
    for (const text of texts) {
      if (!text.trim()) {
        out.push(new Float32Array(this.dimensions))
        continue
      }
      const vector = Float32Array.from((await this.context.getEmbeddingFor(text.slice(0, 4000))).vector)
      let norm = 0
      for (const v of vector) norm += v * v
      const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0
      out.push(vector.map((v) => v * inverse))
    }
    return out
  }

  async dispose(): Promise<void> {
    await this.context.dispose()
    await this.model.dispose()
  }
}
