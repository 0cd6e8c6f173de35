import { basename } from 'node:path'
import { readGgufFileInfo, type GgufFileInfo } from 'node-llama-cpp'
import { AppError } from '../../shared/errors'
import { readGgufSafely } from './gguf/readGgufSafely'

async function header(path: string, what: string): Promise<GgufFileInfo> {
  // A pipe, a folder or a hostile header is refused here, before node-llama-cpp opens the file (a pipe blocks it).
  await readGgufSafely(path).catch((cause: unknown) => {
    const detail = cause instanceof AppError ? cause.message : String(cause)
    throw new AppError('ADAPTER_INCOMPATIBLE', `The ${what} cannot be used: ${detail}`, { cause })
  })
  try {
    return await readGgufFileInfo(path, {
      logWarnings: false,
      ignoreKeys: [
        'tokenizer.ggml.tokens',
        'tokenizer.ggml.scores',
        'tokenizer.ggml.token_type',
        'tokenizer.ggml.merges'
      ]
    })
  } catch (cause) {
    throw new AppError('ADAPTER_INCOMPATIBLE', `${basename(path)} is not a readable GGUF ${what}.`, { cause })
  }
}

/**
 * Refuses an adapter llama.cpp would reject or misapply, before the context is rebuilt with it: not a LoRA
 * adapter, another architecture, or tensor shapes that do not fit the base model's weights.
 */
export async function checkLoraCompatibility(basePath: string, adapterPath: string): Promise<void> {
  const [base, adapter] = await Promise.all([header(basePath, 'model'), header(adapterPath, 'adapter')])
  const name = basename(adapterPath)
  const general = adapter.metadata.general as { type?: string; architecture?: string }
  const adapterType = (adapter.metadata as { adapter?: { type?: string } }).adapter?.type
  if (general.type !== 'adapter' || adapterType !== 'lora')
    throw new AppError(
      'ADAPTER_INCOMPATIBLE',
      `${name} is not a LoRA adapter (convert it with llama.cpp's convert_lora_to_gguf.py).`
    )
  const baseArchitecture = String(base.metadata.general.architecture)
  if (general.architecture !== baseArchitecture) {
    throw new AppError(
      'ADAPTER_INCOMPATIBLE',
      `${name} was made for a "${general.architecture}" model, but the loaded model is "${baseArchitecture}".`
    )
  }
  const baseTensors = new Map((base.fullTensorInfo ?? []).map((t) => [t.name, t.dimensions.map(Number)]))
  const tensors = new Map((adapter.fullTensorInfo ?? []).map((t) => [t.name, t.dimensions.map(Number)]))
  let pairs = 0
  for (const [tensorName, a] of tensors) {
    if (!tensorName.endsWith('.lora_a')) continue
    const target = tensorName.slice(0, -'.lora_a'.length)
    const b = tensors.get(`${target}.lora_b`)
    const weight = baseTensors.get(target)
    if (!b || !weight)
      throw new AppError('ADAPTER_INCOMPATIBLE', `${name} changes "${target}", which this model does not have.`)
    if (weight[0] !== a[0] || weight[1] !== b[1] || a[1] !== b[0]) {
      throw new AppError(
        'ADAPTER_INCOMPATIBLE',
        `${name} does not fit this model: its "${target}" is ${a[0]}x${b[1]}, the model's is ${weight[0]}x${weight[1]}. It was trained for a different model size.`
      )
    }
    pairs++
  }
  if (pairs === 0) throw new AppError('ADAPTER_INCOMPATIBLE', `${name} contains no LoRA weights.`)
}
