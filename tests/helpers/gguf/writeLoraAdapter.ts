import { readGgufFileInfo } from 'node-llama-cpp'
import { writeGguf, type GgufTensor } from './writeGguf'

/** Deterministic values in [-amplitude, amplitude]. */
function pseudoRandom(count: number, seed: number, amplitude: number): Float32Array {
  const out = new Float32Array(count)
  let x = seed >>> 0
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    out[i] = ((x / 4294967296) * 2 - 1) * amplitude
  }
  return out
}

/**
 * A LoRA adapter GGUF for a base model, in llama.cpp's layout: for a base weight with ne = [n_in, n_out],
 * `<name>.lora_a` has ne = [n_in, rank] and `<name>.lora_b` has ne = [rank, n_out].
 */
export async function writeLoraAdapter(
  basePath: string,
  options: { rank?: number; amplitude?: number; architecture?: string; widen?: number } = {}
): Promise<Buffer> {
  const info = await readGgufFileInfo(basePath, { logWarnings: false })
  const rank = options.rank ?? 4
  const targets = (info.fullTensorInfo ?? []).filter((t) => /^blk\.\d+\.(attn_q|attn_v|ffn_up)\.weight$/.test(t.name))
  const tensors: GgufTensor[] = []
  targets.forEach((target, i) => {
    const [nIn, nOut] = target.dimensions.map(Number) as [number, number]
    const inputs = nIn + (options.widen ?? 0)
    tensors.push({
      name: target.name.replace(/\.weight$/, '.weight.lora_a'),
      dims: [inputs, rank],
      data: pseudoRandom(inputs * rank, 17 + i, options.amplitude ?? 0.5)
    })
    tensors.push({
      name: target.name.replace(/\.weight$/, '.weight.lora_b'),
      dims: [rank, nOut],
      data: pseudoRandom(rank * nOut, 91 + i, options.amplitude ?? 0.5)
    })
  })
  return writeGguf(
    {
      'general.architecture': options.architecture ?? String(info.metadata.general.architecture),
      'general.type': 'adapter',
      'general.name': 'test lora',
      'adapter.type': 'lora',
      'adapter.lora.alpha': { type: 'f32', value: rank }
    },
    tensors
  )
}
