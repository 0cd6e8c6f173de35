import { AppError } from '../../../shared/errors'
import type { GgufProbe, GgufProbeValue } from './probeGgufFile'

/** Architectures without attention heads (state-space and RWKV models): no head counts to check. */
const ATTENTION_FREE = new Set(['mamba', 'mamba2', 'rwkv6', 'rwkv6qwen2', 'rwkv7', 'arwkv7'])
const MAX_LAYERS = 4096
const MAX_HEADS = 16384

/**
 * The hyperparameters llama.cpp divides by or sizes arrays with, checked before it sees them: a zero or absurd
 * layer or head count ends the process inside llama.cpp (GGML_ASSERT) instead of failing the load.
 * `architecture` is the model's (already known to this llama.cpp build).
 */
export function validateModelHeader(probe: GgufProbe, architecture: string, fileName: string): void {
  const fail = (why: string): never => {
    throw new AppError('MODEL_FILE_INVALID', `${fileName} is damaged: ${why}.`)
  }
  const key = (name: string): GgufProbeValue | undefined => probe.metadata[`${architecture}.${name}`]
  const layers = key('block_count')
  if (!isCount(layers, 1, MAX_LAYERS)) fail(`its layer count (block_count) is ${shown(layers)}`)
  if (probe.tensorCount < (layers as number)) fail(`it has ${probe.tensorCount} tensors for ${shown(layers)} layers`)
  const embedding = key('embedding_length')
  if (embedding !== undefined && !isCount(embedding, 1, 1 << 20)) fail(`its embedding length is ${shown(embedding)}`)
  const context = key('context_length')
  if (context !== undefined && !isCount(context, 1, 1 << 27)) fail(`its context length is ${shown(context)}`)
  if (ATTENTION_FREE.has(architecture)) return
  const heads = key('attention.head_count')
  const kvHeads = key('attention.head_count_kv') ?? heads
  if (!isHeadCount(heads, layers as number)) fail(`its attention head count is ${shown(heads)}`)
  if (!isHeadCount(kvHeads, layers as number)) fail(`its key-value head count is ${shown(kvHeads)}`)
  if (typeof heads === 'number' && typeof kvHeads === 'number') {
    if (kvHeads > heads || heads % kvHeads !== 0)
      fail(`its ${heads} attention heads do not share ${kvHeads} key-value heads`)
    const headSize = key('attention.key_length')
    if (headSize === undefined && typeof embedding === 'number' && embedding % heads !== 0)
      fail(`its embedding length ${embedding} does not split into ${heads} heads`)
  }
}

function isCount(value: GgufProbeValue | undefined, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** One count for every layer, or one per layer (0 for layers without attention, but not all of them). */
function isHeadCount(value: GgufProbeValue | undefined, layers: number): boolean {
  if (typeof value === 'number') return isCount(value, 1, MAX_HEADS)
  if (typeof value !== 'object' || value.values === null || value.length !== layers) return false
  return value.values.every((v) => isCount(v, 0, MAX_HEADS)) && value.values.some((v) => v > 0)
}

function shown(value: GgufProbeValue | undefined): string {
  if (value === undefined) return 'missing'
  if (typeof value === 'object') return `a list of ${value.length}`
  return String(value).slice(0, 40)
}
