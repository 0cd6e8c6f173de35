import { resolve } from 'node:path'

/** ../shared beside the repository: the tiny plumbing GGUFs and the test data (never shipped). */
export const sharedDir = resolve(process.cwd(), '..', 'shared')
export const storiesModel = resolve(sharedDir, 'models', 'stories260K.gguf')
export const tinyLlamaModel = resolve(sharedDir, 'models', 'llama-2-tiny-random.gguf')
export const resourcesDir = resolve(process.cwd(), 'resources')
