import { basename } from 'node:path'
import type { Llama, LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp'
import { AppError } from '../../../shared/errors'
import { inspectModel } from '../inspectModel'
import type { Embedder } from './Embedder'
import { embeddingPrefixesFor, withPrefix, type EmbeddingPrefixes, type EmbedPurpose } from './embeddingPrefixes'

/** Memory texts are at most ~3k characters (under 1k tokens): a 2k context holds them and costs little memory. */
const MAX_CONTEXT_SIZE = 2048

/** A GGUF embedding model the user chose (e.g. nomic-embed, bge), run by node-llama-cpp beside the chat model. */
export class LlamaEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimensions: number,
    private readonly model: LlamaModel,
    private readonly context: LlamaEmbeddingContext,
    private readonly prefixes: EmbeddingPrefixes | null,
    private readonly contextSize: number
  ) {}

  static async load(llama: Llama, path: string, threads: number): Promise<LlamaEmbedder> {
    const metadata = await inspectModel(path, llama)
    const model = await llama.loadModel({ modelPath: path, gpuLayers: 'auto' })
    try {
      const contextSize = Math.min(model.trainContextSize || MAX_CONTEXT_SIZE, MAX_CONTEXT_SIZE)
      const context = await model.createEmbeddingContext({ threads, contextSize })
      const probe = await context.getEmbeddingFor('probe')
      const prefixes = embeddingPrefixesFor(metadata.name, basename(path))
      // The scheme is part of the id: vectors stored without the document prefix are re-embedded once with it.
      const id = `gguf:${basename(path)}:${metadata.fileSizeBytes}${prefixes ? `:${prefixes.scheme}` : ''}`
      return new LlamaEmbedder(id, probe.vector.length, model, context, prefixes, contextSize)
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
      const vector = Float32Array.from((await this.context.getEmbeddingFor(this.fitted(text))).vector)
      let norm = 0
      for (const v of vector) norm += v * v
      const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0
      out.push(vector.map((v) => v * inverse))
    }
    return out
  }

  /**
   * The text's tokens, cut to what the context holds: a model with a short context (bge: 512 tokens) embeds the start
   * of a long memory instead of failing to store it.
   */
  private fitted(text: string): Token[] {
    const tokens = this.model.tokenize(text.slice(0, 4 * this.contextSize))
    const room = this.contextSize - 1 - (this.context.calculateInputLength(tokens) - tokens.length)
    return tokens.length > room ? tokens.slice(0, Math.max(1, room)) : tokens
  }

  async dispose(): Promise<void> {
    await this.context.dispose()
    await this.model.dispose()
  }
}
