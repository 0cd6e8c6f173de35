import { resolve } from 'node:path'

/**
 * ../shared beside the repository: the tiny plumbing GGUFs and the test data (never shipped). AI_ANIME_SHARED_DIR
 * points elsewhere, for runs from a copy of the tree (`npm run mutate` works in a sandbox folder).
 */
export const sharedDir = process.env.AI_ANIME_SHARED_DIR ?? resolve(process.cwd(), '..', 'shared')
export const storiesModel = resolve(sharedDir, 'models', 'stories260K.gguf')
export const tinyLlamaModel = resolve(sharedDir, 'models', 'llama-2-tiny-random.gguf')
export const resourcesDir = resolve(process.cwd(), 'resources')
