import type { GgufMetadata, ModelSettings } from '../../shared/domain'

/**
 * Starting points per model family, as their authors recommend for chat; the user's own choices override them.
 * Unknown families get the app-wide sampling unchanged.
 */
export function modelFamilyDefaults(metadata: Pick<GgufMetadata, 'architecture' | 'name'>): ModelSettings {
  const name = `${metadata.architecture} ${metadata.name ?? ''}`.toLowerCase()
  const base: ModelSettings = { contextSize: null, gpuLayers: 'auto', chatTemplate: 'auto', sampling: {} }
  if (name.includes('qwen'))
    return { ...base, sampling: { temperature: 0.7, topP: 0.8, topK: 20, repeatPenalty: 1.05 } }
  if (name.includes('mistral') || name.includes('nemo')) return { ...base, sampling: { temperature: 0.7, minP: 0.05 } }
  if (name.includes('gemma')) return { ...base, sampling: { temperature: 0.9, topP: 0.95, topK: 64 } }
  if (name.includes('llama')) return { ...base, sampling: { temperature: 0.8, topP: 0.9, minP: 0.05 } }
  return base
}
