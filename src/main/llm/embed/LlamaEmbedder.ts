import { basename } from 'node:path'
import type { Llama, LlamaEmbeddingContext, LlamaModel } from 'node-llama-cpp'
import { AppError } from '../../../shared/errors'
import { inspectModel } from '../../models/inspectModel'
import type { Embedder } from './Embedder'
import { embeddingPrefixesFor, withPrefix, type EmbeddingPrefixes, type EmbedPurpose } from './embeddingPrefixes'

/** A GGUF embedding model the user chose (e.g. nomic-embed, bge), run by node-llama-cpp beside the chat model. */
export class LlamaEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimensions: number,
    private readonly model: LlamaModel,
    private readonly context: LlamaEmbeddingContext,
    private readonly prefixes: EmbeddingPrefixes | null
  ) {}

  static async load(llama: Llama, path: string, threads: number): Promise<LlamaEmbedder> {
    const metadata = await inspectModel(path, llama)
    const model = await llama.loadModel({ modelPath: path, gpuLayers: 'auto' })
    try {
      const context = await model.createEmbeddingContext({ threads })
      const probe = await context.getEmbeddingFor('probe')
      const prefixes = embeddingPrefixesFor(metadata.name, basename(path))
      // The scheme is part of the id: vectors stored without the document prefix are re-embedded once with it.
      const id = `gguf:${basename(path)}:${metadata.fileSizeBytes}${prefixes ? `:${prefixes.scheme}` : ''}`
      return new LlamaEmbedder(id, probe.vector.length, model, context, prefixes)
    } catch (cause) {
      await model.dispose()
      throw new AppError('MODEL_UNSUPPORTED', `${basename(path)} cannot produce embeddings.`, { cause })
    }
  }

  async embed(texts: readonly string[], purpose: EmbedPurpose = 'document'): Promise<Float32Array[]> {
    const out: Float32Array[] = []
    for (const text of withPrefix(texts, this.prefixes, purpose)) {
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
