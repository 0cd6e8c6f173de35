import fitted from './fittedRankWeights.json'
import { RANK_WEIGHTS, type RankFeature, type RankWeights } from './rankMemories'

/**
 * The model family an embedder id names, the same for its GGUF and ONNX builds, quantisations and prefix schemes:
 * "gguf:nomic-embed-text-v1.5.Q8_0.gguf:146146432:nomic" and "onnx:nomic-embed-text-v1.5:q8:…" are both
 * "nomic-embed-text-v1.5".
 */
export function embedderFamily(embedderId: string): string {
  const name = embedderId.split(':')[1] ?? embedderId
  return name
    .toLowerCase()
    .replace(/\.gguf$/, '')
    .replace(/[.-](q\d[\w]*|iq\d[\w]*|f16|f32|bf16|fp16|int8)$/, '')
}

export type FittedRankWeights = Readonly<Record<string, Partial<Record<RankFeature, number>>>>

/**
 * Ranking weights that suit an embedder: those `npm run fit:ranking -- --embedding MODEL --save` fitted for its family,
 * else the default ones (fitted for the bundled potion-base-2M, whose vectors deserve less weight than a strong
 * model's). A fitted entry may name only some features; the rest keep their defaults.
 */
export function rankWeightsFor(embedderId: string, table: FittedRankWeights = fitted): Readonly<RankWeights> {
  const entry = table[embedderFamily(embedderId)]
  return entry ? Object.freeze({ ...RANK_WEIGHTS, ...entry }) : RANK_WEIGHTS
}
