import type { SamplingSettings } from '../../shared/domain'

/** node-llama-cpp generation options for the user's sampling settings (only the knobs it offers). */
export interface NodeLlamaSamplingOptions {
  temperature: number
  topP: number
  minP: number
  topK: number
  seed?: number
  maxTokens: number
  repeatPenalty: false | { penalty: number; presencePenalty: number; frequencyPenalty: number; lastTokens: number }
  dryRepeatPenalty?: { strength: number; allowedLength: number }
  xtc?: { probability: number; threshold: number }
}

export function buildSamplingOptions(settings: SamplingSettings): NodeLlamaSamplingOptions {
  const hasRepeatPenalty =
    settings.repeatPenalty !== 1 || settings.presencePenalty !== 0 || settings.frequencyPenalty !== 0
  const options: NodeLlamaSamplingOptions = {
    temperature: settings.temperature,
    topP: settings.topP,
    minP: settings.minP,
    topK: settings.topK,
    maxTokens: settings.maxTokens,
    repeatPenalty: hasRepeatPenalty
      ? {
          penalty: settings.repeatPenalty,
          presencePenalty: settings.presencePenalty,
          frequencyPenalty: settings.frequencyPenalty,
          lastTokens: 64
        }
      : false
  }
  if (settings.seed !== null) options.seed = settings.seed
  // DRY and XTC are off at 0; SillyTavern's usual DRY allowed length is 2.
  if (settings.dryMultiplier > 0) options.dryRepeatPenalty = { strength: settings.dryMultiplier, allowedLength: 2 }
  if (settings.xtcProbability > 0)
    options.xtc = { probability: settings.xtcProbability, threshold: settings.xtcThreshold }
  return options
}
