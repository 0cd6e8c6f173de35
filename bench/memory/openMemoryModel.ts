import { LlmRuntime } from '../../src/main/llm/LlmRuntime'
import { physicalCoreCount } from '../../src/main/llm/physicalCoreCount'
import type { GenerateJson } from '../../src/main/memory/extractFactsWithModel'

export interface MemoryModel {
  generateJson: GenerateJson
  dispose(): Promise<void>
}

/**
 * The chat model that extracts facts while LoCoMo is ingested (`--memory-model GGUF`), loaded as the app loads one;
 * none by default, since the shared tiny GGUFs extract nothing. Slow on purpose: a model call per turn.
 */
export async function openMemoryModel(path: string | undefined): Promise<MemoryModel | null> {
  if (!path) return null
  const runtime = new LlmRuntime({ threads: physicalCoreCount(), gpu: 'auto', maxContextSize: 4096 })
  await runtime.load({ path })
  return { generateJson: (request) => runtime.generateJson(request), dispose: () => runtime.dispose() }
}
