/**
 * Trains the bundled emotion classifier on GoEmotions train.tsv (never on dev: dev is what the bench reports).
 * `npm run train:emotion [-- --train PATH] [--out DIR]` -> resources/emotion/goemotions-linear.bin
 */
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Model2VecEmbedder } from '../src/main/llm/embed/Model2VecEmbedder'
import { buildFeatures, createHead, type Features } from '../src/main/emotion/emotionModel'
import { encodeEmotionWeights } from '../src/main/emotion/emotionModelFile'
import { EKMAN_LABELS, EKMAN_OF, FINE_LABELS } from '../src/main/emotion/labels'
import { loadGoEmotions } from '../bench/goemotions/loadGoEmotions'
import { shuffled, trainHead, tuneThresholds } from './emotion/trainHead'

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: resolve('..', 'shared', 'data', 'goemotions', 'train.tsv') },
    out: { type: 'string', default: resolve('resources', 'emotion') },
    buckets: { type: 'string', default: String(1 << 17) },
    epochs: { type: 'string', default: '4' }
  }
})

const BUCKETS = Number(values.buckets)
const SEED = 1234

async function main(): Promise<void> {
  const embedder = await Model2VecEmbedder.load(resolve('resources', 'embeddings', 'potion-base-2M'))
  const rows = shuffled(await loadGoEmotions(values.train), SEED)
  console.log(`training on ${rows.length} rows`)
  const examples = rows.map((row) => {
    const features: Features = buildFeatures(row.text, BUCKETS, (t) => embedder.embedOne(t))
    const fine = new Uint8Array(FINE_LABELS.length)
    const ekman = new Uint8Array(EKMAN_LABELS.length)
    for (const id of row.labels) {
      fine[id] = 1
      ekman[EKMAN_LABELS.indexOf(EKMAN_OF[FINE_LABELS[id]!])] = 1
    }
    return { features, fine, ekman }
  })
  const split = Math.floor(examples.length * 0.9)
  const fit = examples.slice(0, split)
  const heldOut = examples.slice(split)
  const options = { epochs: Number(values.epochs), learningRate: 0.2, l2: 1e-6, seed: SEED }
  const heads = [
    { head: createHead('fine', FINE_LABELS, BUCKETS, embedder.dimensions), key: 'fine' as const },
    { head: createHead('ekman', EKMAN_LABELS, BUCKETS, embedder.dimensions), key: 'ekman' as const }
  ]
  for (const { head, key } of heads) {
    const started = Date.now()
    trainHead(head, fit.map((e) => ({ features: e.features, targets: e[key] })), options)
    tuneThresholds(head, heldOut.map((e) => ({ features: e.features, targets: e[key] })))
    console.log(`head ${head.name}: trained in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  const bytes = encodeEmotionWeights({ buckets: BUCKETS, dims: embedder.dimensions, heads: heads.map((h) => h.head) })
  await writeFile(join(values.out, 'goemotions-linear.bin'), bytes)
  console.log(`wrote ${join(values.out, 'goemotions-linear.bin')} (${(bytes.length / 1e6).toFixed(2)} MB)`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
