import type { RecommendedModel } from '../../shared/domain'

/**
 * Small chat models that make good companions on ordinary laptops, as GGUFs from well-known quantisers.
 * Sizes are the Q4_K_M files; RAM is what they need at a 4k-8k context.
 */
export const RECOMMENDED_MODELS: RecommendedModel[] = [
  {
    name: 'Llama 3.2 3B Instruct',
    uri: 'hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    sizeBytes: 2_020_000_000,
    ramBytes: 4_000_000_000,
    licence: 'Llama 3.2 Community License',
    notes: 'Fast on any recent laptop; friendly and coherent for its size.'
  },
  {
    name: 'Qwen2.5 7B Instruct',
    uri: 'hf:bartowski/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
    sizeBytes: 4_680_000_000,
    ramBytes: 7_000_000_000,
    licence: 'Apache-2.0',
    notes: 'Strong all-rounder, follows persona instructions well.'
  },
  {
    name: 'Gemma 2 2B it',
    uri: 'hf:bartowski/gemma-2-2b-it-GGUF/gemma-2-2b-it-Q4_K_M.gguf',
    sizeBytes: 1_710_000_000,
    ramBytes: 3_500_000_000,
    licence: 'Gemma Terms of Use',
    notes: 'Smallest good option, for 8 GB machines.'
  },
  {
    name: 'Mistral Nemo 12B Instruct',
    uri: 'hf:bartowski/Mistral-Nemo-Instruct-2407-GGUF/Mistral-Nemo-Instruct-2407-Q4_K_M.gguf',
    sizeBytes: 7_480_000_000,
    ramBytes: 10_000_000_000,
    licence: 'Apache-2.0',
    notes: 'Rich role-play writing; needs 16 GB RAM or a GPU.'
  },
  {
    name: 'Llama 3.1 8B Instruct',
    uri: 'hf:bartowski/Meta-Llama-3.1-8B-Instruct-GGUF/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf',
    sizeBytes: 4_920_000_000,
    ramBytes: 8_000_000_000,
    licence: 'Llama 3.1 Community License',
    notes: 'Long context (128k trained) and a large fine-tune ecosystem.'
  }
]
