import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { ONNX_DTYPES, type OnnxDtype } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { OnnxPooling } from './OnnxRuntime'

/** The file each transformers.js dtype loads from `onnx/` (its own naming, as in Hugging Face repos). */
export const ONNX_DTYPE_FILES: Record<OnnxDtype, string> = {
  q8: 'model_quantized.onnx',
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  int8: 'model_int8.onnx',
  uint8: 'model_uint8.onnx',
  q4: 'model_q4.onnx',
  q4f16: 'model_q4f16.onnx',
  bnb4: 'model_bnb4.onnx'
}

/** Largest config/tokenizer JSON read: real tokenizers are a few MB (multilingual ones ~17 MB). */
const MAX_JSON_BYTES = 64 * 1024 * 1024

export interface OnnxModelFolder {
  dir: string
  /** The folder's name, which names the model (e.g. all-MiniLM-L6-v2). */
  name: string
  /** The dtype that will load: the one asked for when its file exists, else the first present in ONNX_DTYPES order. */
  dtype: OnnxDtype
  fileSizeBytes: number
  /** config.json id2label in id order; empty for models without a classifier head. */
  labels: string[]
  /** How token vectors become one text vector: the sentence-transformers pooling config, else the family's. */
  pooling: OnnxPooling
  config: Record<string, unknown>
}

async function readJson(path: string, what: string): Promise<Record<string, unknown>> {
  let info
  try {
    info = await stat(path)
  } catch (cause) {
    throw new AppError('MODEL_FILE_INVALID', `This ONNX model folder has no ${what}.`, { cause })
  }
  if (!info.isFile() || info.size > MAX_JSON_BYTES)
    throw new AppError('MODEL_FILE_INVALID', `This ONNX model folder's ${what} is not a readable file.`)
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'))
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object')
    return value as Record<string, unknown>
  } catch (cause) {
    throw new AppError('MODEL_FILE_INVALID', `This ONNX model folder's ${what} is not valid JSON.`, { cause })
  }
}

function labelsOf(config: Record<string, unknown>): string[] {
  const id2label = config.id2label
  if (typeof id2label !== 'object' || id2label === null) return []
  return Object.entries(id2label as Record<string, unknown>)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, label]) => String(label))
}

/** sentence-transformers writes its pooling in 1_Pooling/config.json; bge models pool the CLS token, most others mean. */
async function poolingOf(dir: string, name: string): Promise<OnnxPooling> {
  try {
    const pooling = JSON.parse(await readFile(join(dir, '1_Pooling', 'config.json'), 'utf8')) as Record<string, unknown>
    if (pooling.pooling_mode_cls_token === true) return 'cls'
    if (pooling.pooling_mode_mean_tokens === true) return 'mean'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn('[onnx] unreadable pooling config', error)
  }
  return /(^|[^a-z])bge-/i.test(name) ? 'cls' : 'mean'
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path)
    return info.isFile() ? info.size : null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new AppError('MODEL_FILE_INVALID', `${path} cannot be read.`, { cause: error })
  }
}

/**
 * Checks an ONNX model folder in the Hugging Face layout (config.json, tokenizer.json, onnx/model*.onnx) before the
 * runtime sees it, and reads what the app needs from it: labels, pooling, which weights file loads.
 */
export async function readOnnxModelFolder(dir: string, preferred: OnnxDtype = 'q8'): Promise<OnnxModelFolder> {
  const info = await stat(dir).catch((cause: unknown) => {
    throw new AppError('MODEL_FILE_NOT_FOUND', `There is no ONNX model folder at ${dir}.`, { cause })
  })
  if (!info.isDirectory()) throw new AppError('MODEL_FILE_INVALID', `${dir} is not an ONNX model folder.`)
  const config = await readJson(join(dir, 'config.json'), 'config.json')
  if (typeof config.model_type !== 'string')
    throw new AppError('MODEL_FILE_INVALID', "This ONNX model folder's config.json names no model_type.")
  await readJson(join(dir, 'tokenizer.json'), 'tokenizer.json')
  for (const dtype of [preferred, ...ONNX_DTYPES.filter((d) => d !== preferred)]) {
    const size = await fileSize(join(dir, 'onnx', ONNX_DTYPE_FILES[dtype]))
    if (size === null) continue
    if (size < 16) throw new AppError('MODEL_FILE_INVALID', `onnx/${ONNX_DTYPE_FILES[dtype]} is empty or truncated.`)
    const name = basename(dir)
    return {
      dir,
      name,
      dtype,
      fileSizeBytes: size,
      labels: labelsOf(config),
      pooling: await poolingOf(dir, name),
      config
    }
  }
  throw new AppError('MODEL_FILE_INVALID', 'This folder has no onnx/model*.onnx weights file.')
}
