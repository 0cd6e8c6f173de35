import { join } from 'node:path'
import { physicalCoreCount } from './llm/physicalCoreCount'

/** Everything the services need to know about the machine and the app's folders; no Electron types. */
export interface AppConfig {
  version: string
  /** SQLite database, LanceDB folder, avatars. */
  dataDir: string
  /** The app's models folder; GGUFs dropped here are listed automatically. */
  modelsDir: string
  /** Bundled read-only assets (embedding model, emotion weights). */
  resourcesDir: string
  threads: number
  gpu: 'auto' | false
  maxContextSize: number
  /** Where `hf:` addresses resolve: the Hugging Face hub, or a mirror (HF_ENDPOINT, as node-llama-cpp reads it). */
  huggingFaceEndpoint: string
  /** Port of the LAN listener ("Use on your phone"); 0 takes any free port. */
  lanPort: number
}

export function buildConfig(values: Pick<AppConfig, 'dataDir' | 'resourcesDir'> & Partial<AppConfig>): AppConfig {
  return {
    version: '0.1.0',
    modelsDir: join(values.dataDir, 'models'),
    threads: physicalCoreCount(),
    gpu: 'auto',
    maxContextSize: 8192,
    huggingFaceEndpoint: withSlash(process.env.HF_ENDPOINT ?? process.env.MODEL_ENDPOINT ?? 'https://huggingface.co/'),
    lanPort: 5418,
    ...values
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
