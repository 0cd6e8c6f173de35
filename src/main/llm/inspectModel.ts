import { basename } from 'node:path'
import * as nodeLlamaCpp from 'node-llama-cpp'
import { GgufFileType, GgufInsights, readGgufFileInfo, type GgufFileInfo, type Llama } from 'node-llama-cpp'
import type { GgufMetadata } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { readGgufSafely } from './gguf/readGgufSafely'
import { validateModelHeader } from './gguf/validateModelHeader'

// A const enum in the typings but a real object at run time: the architectures this llama.cpp build can run.
const KNOWN_ARCHITECTURES = new Set(
  Object.values((nodeLlamaCpp as unknown as { GgufArchitectureType: Record<string, string> }).GgufArchitectureType)
)

/**
 * GGUF facts read from the header only (no weights loaded): what the Models screen shows before loading, and
 * the gate that keeps a bad file from replacing a working model.
 */
export async function inspectModel(path: string, llama?: Llama): Promise<GgufMetadata> {
  const fileName = basename(path)
  const probe = await readGgufSafely(path)
  const fileSizeBytes = probe.fileSize
  const architecture =
    typeof probe.metadata['general.architecture'] === 'string' ? probe.metadata['general.architecture'] : 'unknown'
  if (probe.metadata['general.type'] === 'adapter') {
    throw new AppError(
      'MODEL_UNSUPPORTED',
      `${fileName} is a LoRA adapter, not a model. Attach it to a loaded model instead.`
    )
  }
  if (!KNOWN_ARCHITECTURES.has(architecture)) {
    throw new AppError(
      'MODEL_UNSUPPORTED',
      `${fileName} uses the "${architecture}" architecture, which this version of llama.cpp cannot run.`
    )
  }
  validateModelHeader(probe, architecture, fileName)
  // Only a header that passed the bounded probe reaches node-llama-cpp's own parser.
  let info: GgufFileInfo
  try {
    info = await readGgufFileInfo(path, {
      logWarnings: false,
      ignoreKeys: [
        'tokenizer.ggml.tokens',
        'tokenizer.ggml.scores',
        'tokenizer.ggml.token_type',
        'tokenizer.ggml.merges'
      ]
    })
  } catch (cause) {
    throw new AppError('MODEL_FILE_INVALID', `${fileName} is damaged or incomplete (it may still be downloading).`, {
      cause
    })
  }
  const general = info.metadata.general as { name?: string; size_label?: string; file_type?: number }
  const tensorElements = (info.fullTensorInfo ?? []).reduce(
    (sum, t) => sum + t.dimensions.reduce<number>((p, d) => p * Number(d), 1),
    0
  )
  const architectureMetadata = info.architectureMetadata as {
    context_length?: number
    block_count?: number
    embedding_length?: number
  }
  const metadata: GgufMetadata = {
    path,
    fileName,
    fileSizeBytes,
    architecture,
    name: general.name ?? null,
    parameterCount: tensorElements > 0 ? tensorElements : parseSizeLabel(general.size_label),
    quantization:
      general.file_type === undefined
        ? null
        : (GgufFileType[general.file_type] ?? `type ${general.file_type}`).replace(/^(MOSTLY|ALL)_/, ''),
    contextLength: architectureMetadata.context_length ?? null,
    chatTemplate: (info.metadata.tokenizer as { chat_template?: string } | undefined)?.chat_template ?? null,
    layerCount: architectureMetadata.block_count ?? null,
    embeddingLength: architectureMetadata.embedding_length ?? null,
    estimatedRamBytes: null,
    estimatedVramBytes: null,
    fitsInMemory: null
  }
  if (llama) await addResourceEstimate(metadata, info, llama)
  return metadata
}

/** llama.cpp refuses unknown architectures; asking node-llama-cpp's insights catches that before loading. */
async function addResourceEstimate(metadata: GgufMetadata, info: GgufFileInfo, llama: Llama): Promise<void> {
  let insights: GgufInsights
  try {
    insights = await GgufInsights.from(info, llama)
  } catch (cause) {
    throw new AppError(
      'MODEL_UNSUPPORTED',
      `${metadata.fileName} uses the "${metadata.architecture}" architecture, which this version cannot run.`,
      { cause }
    )
  }
  // A header can parse while the weights are cut off (an interrupted download): the tensor data must reach its end.
  const dataStart = Math.min(...(info.fullTensorInfo ?? []).map((t) => Number(t.fileOffset)))
  if (Number.isFinite(dataStart) && metadata.fileSizeBytes < dataStart + insights.modelSize) {
    throw new AppError(
      'MODEL_FILE_INVALID',
      `${metadata.fileName} is incomplete: ${metadata.fileSizeBytes} of ${dataStart + insights.modelSize} bytes. It may still be downloading.`
    )
  }
  const config = await insights.configurationResolver.resolveAndScoreConfig({})
  metadata.estimatedRamBytes = config.resolvedValues.totalRamUsage
  metadata.estimatedVramBytes = config.resolvedValues.totalVramUsage
  metadata.fitsInMemory = config.compatibilityScore > 0
}

function parseSizeLabel(label: string | undefined): number | null {
  const match = label?.match(/^([\d.]+)\s*([KMBT])$/i)
  if (!match) return null
  const scale = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[match[2]!.toUpperCase() as 'K' | 'M' | 'B' | 'T']
  return Math.round(Number(match[1]) * scale)
}
