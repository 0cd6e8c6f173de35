import type { OnnxRuntime, OnnxPooling } from '../../onnx/OnnxRuntime'
import type { OnnxDtype } from '../../../shared/domain'
import { readOnnxModelFolder } from '../../onnx/readOnnxModelFolder'
import type { Embedder } from './Embedder'
import { embeddingPrefixesFor, withPrefix, type EmbeddingPrefixes, type EmbedPurpose } from './embeddingPrefixes'

/** Texts per worker request: small enough that a cancel or a chat token waits at most one batch. */
const BATCH = 16

/**
 * A feature-extraction ONNX model the user added (all-MiniLM-L6-v2, bge, e5, gte, jina...), run in the ONNX worker
 * with the pooling its config implies, normalised, and with the query/passage prefixes its card prescribes.
 */
export class OnnxEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimensions: number,
    private readonly runtime: OnnxRuntime,
    private readonly handle: number,
    private readonly pooling: OnnxPooling,
    private readonly prefixes: EmbeddingPrefixes | null
  ) {}

  static async load(runtime: OnnxRuntime, dir: string, dtype?: OnnxDtype): Promise<OnnxEmbedder> {
    const folder = await readOnnxModelFolder(dir, dtype)
    const handle = await runtime.load('feature-extraction', folder.dir, folder.dtype)
    try {
      const [probe] = await runtime.embed(handle, ['probe'], folder.pooling)
      const source = folder.config._name_or_path
      const prefixes = embeddingPrefixesFor(folder.name, typeof source === 'string' ? source : '')
      // The scheme and pooling are part of the id: a change of either re-embeds stored memories once.
      const id = `onnx:${folder.name}:${folder.dtype}:${folder.fileSizeBytes}:${folder.pooling}${prefixes ? `:${prefixes.scheme}` : ''}`
      return new OnnxEmbedder(id, probe?.length ?? 0, runtime, handle, folder.pooling, prefixes)
    } catch (error) {
      await runtime.unload(handle)
      throw error
    }
  }

  async embed(
    texts: readonly string[],
    purpose: EmbedPurpose = 'document',
    signal?: AbortSignal
  ): Promise<Float32Array[]> {
    const prefixed = withPrefix(texts, this.prefixes, purpose)
    const out: Float32Array[] = []
    for (let start = 0; start < prefixed.length; start += BATCH) {
      const batch = prefixed.slice(start, start + BATCH)
      // Blank texts get a zero vector, as the other embedders give them, instead of a model's guess.
      const vectors = await this.runtime.embed(
        this.handle,
        batch.map((text) => (text.trim() ? text : '.')),
        this.pooling,
        signal
      )
      batch.forEach((text, i) => out.push(text.trim() ? vectors[i]! : new Float32Array(this.dimensions)))
    }
    return out
  }

  async dispose(): Promise<void> {
    await this.runtime.unload(this.handle)
  }
}
