import type { RecommendedModel } from '../../shared/domain'

/**
 * Small chat models that make good companions on ordinary laptops, as GGUFs from well-known quantisers (sizes are the
 * Q4_K_M files; RAM is what they need at a 4k-8k context), and ONNX models for emotion and memory.
 */
export const RECOMMENDED_MODELS: RecommendedModel[] = [
  {
    job: 'chat',
    name: 'Llama 3.2 3B Instruct',
    uri: 'hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    sizeBytes: 2_020_000_000,
    ramBytes: 4_000_000_000,
    licence: 'Llama 3.2 Community License',
    notes: 'Fast on any recent laptop; friendly and coherent for its size.'
  },
  {
    job: 'chat',
    name: 'Qwen2.5 7B Instruct',
    uri: 'hf:bartowski/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
    sizeBytes: 4_680_000_000,
    ramBytes: 7_000_000_000,
    licence: 'Apache-2.0',
    notes: 'Strong all-rounder, follows persona instructions well.'
  },
  {
    job: 'chat',
    name: 'Gemma 2 2B it',
    uri: 'hf:bartowski/gemma-2-2b-it-GGUF/gemma-2-2b-it-Q4_K_M.gguf',
    sizeBytes: 1_710_000_000,
    ramBytes: 3_500_000_000,
    licence: 'Gemma Terms of Use',
    notes: 'Smallest good option, for 8 GB machines.'
  },
  {
    job: 'chat',
    name: 'Mistral Nemo 12B Instruct',
    uri: 'hf:bartowski/Mistral-Nemo-Instruct-2407-GGUF/Mistral-Nemo-Instruct-2407-Q4_K_M.gguf',
    sizeBytes: 7_480_000_000,
    ramBytes: 10_000_000_000,
    licence: 'Apache-2.0',
    notes: 'Rich role-play writing; needs 16 GB RAM or a GPU.'
  },
  {
    job: 'chat',
    name: 'Llama 3.1 8B Instruct',
    uri: 'hf:bartowski/Meta-Llama-3.1-8B-Instruct-GGUF/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf',
    sizeBytes: 4_920_000_000,
    ramBytes: 8_000_000_000,
    licence: 'Llama 3.1 Community License',
    notes: 'Long context (128k trained) and a large fine-tune ecosystem.'
  },
  // ONNX models for the jobs the bundled models do, when the user wants them stronger (sizes: the q8 weights).
  {
    job: 'emotion',
    name: 'RoBERTa base GoEmotions',
    uri: 'hf:SamLowe/roberta-base-go_emotions-onnx',
    sizeBytes: 126_000_000,
    ramBytes: 400_000_000,
    licence: 'MIT',
    notes: "All 28 GoEmotions labels, the classifier SillyTavern's expressions use; reads a message in tens of ms."
  },
  {
    job: 'embeddings',
    name: 'all-MiniLM-L6-v2',
    uri: 'hf:Xenova/all-MiniLM-L6-v2',
    sizeBytes: 23_000_000,
    ramBytes: 150_000_000,
    licence: 'Apache-2.0',
    notes: 'Small and fast English sentence embeddings for memory recall.'
  },
  {
    job: 'embeddings',
    name: 'bge-small-en v1.5',
    uri: 'hf:Xenova/bge-small-en-v1.5',
    sizeBytes: 34_000_000,
    ramBytes: 200_000_000,
    licence: 'MIT',
    notes: 'Stronger English retrieval; its query instruction is added for you.'
  },
  {
    job: 'embeddings',
    name: 'multilingual-e5-small',
    uri: 'hf:Xenova/multilingual-e5-small',
    sizeBytes: 118_000_000,
    ramBytes: 400_000_000,
    licence: 'MIT',
    notes: 'For chats in many languages; query and passage prefixes are added for you.'
  }
]
