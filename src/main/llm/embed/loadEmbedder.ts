import { stat } from 'node:fs/promises'
import type { Llama } from 'node-llama-cpp'
import type { OnnxDtype } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { OnnxRuntime } from '../../onnx/OnnxRuntime'
import type { Embedder } from './Embedder'
import { LlamaEmbedder } from './LlamaEmbedder'
import { OnnxEmbedder } from './OnnxEmbedder'

export interface EmbedderSources {
  getLlama: () => Promise<Llama>
  onnx: OnnxRuntime
  threads: number
  onnxDtype: OnnxDtype
}

/** The user's embedding model: a GGUF file runs in node-llama-cpp, an ONNX model folder in the ONNX worker. */
export async function loadEmbedder(path: string, sources: EmbedderSources): Promise<Embedder> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new AppError('MODEL_FILE_NOT_FOUND', `There is no embedding model at ${path}.`, { cause })
  })
  if (info.isDirectory()) return OnnxEmbedder.load(sources.onnx, path, sources.onnxDtype)
  return LlamaEmbedder.load(await sources.getLlama(), path, sources.threads)
}
