/**
 * Fits the memory ranking's weights (RANK_WEIGHTS in src/main/memory/rankMemories.ts) on LoCoMo conversations and
 * checks them the honest way: weights fitted on all conversations but one score the one left out, in turn.
 * `npm run fit:ranking [-- --locomo PATH] [--embedding GGUF|ONNX-DIR] [--memory-model GGUF] [--save]` prints evidence
 * recall@10 of the current weights and of the fitted ones (leave-one-conversation-out), then the weights fitted on all
 * conversations, scaled so that text = 1. With --embedding and --save, those are stored for the embedder's family in
 * src/main/memory/fittedRankWeights.json, which the app picks automatically (rankWeightsFor); keep a saved entry only
 * when the left-out recall beats the current weights'. Changing RANK_WEIGHTS (the bundled model's) stays a decision
 * for a person.
 *
 * The ranker is a pairwise logistic regression: for each question, evidence candidates against sampled others.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { estimateTokens, packMemories } from '../../src/main/memory/packMemories'
import {
  orderByScore,
  RANK_WEIGHTS,
  rankFeatures,
  scoreOf,
  type RankCandidate,
  type RankFeature,
  type RankWeights
} from '../../src/main/memory/rankMemories'
import { embedderFamily, rankWeightsFor } from '../../src/main/memory/rankWeightsFor'
import { loadLocomo, type LocomoQuestion } from '../locomo/loadLocomo'
import { seededRandom, shuffled } from '../../scripts/seededRandom'
import { ingestLocomo } from './ingestLocomo'
import { loadBenchEmbedder } from './loadBenchEmbedder'
import { openMemoryModel } from './openMemoryModel'
import { evidenceShare, LOCOMO_TOKEN_BUDGET, topTurns } from './locomoRecall'
import { openBenchMemory } from './openBenchMemory'

const { values } = parseArgs({
  options: {
    locomo: { type: 'string', default: resolve('..', 'shared', 'data', 'locomo', 'locomo-dev.json') },
    /** A GGUF embedding model instead of the bundled one: weights that suit it (the vector weight above all). */
    embedding: { type: 'string' },
    /** A chat model that extracts facts from each turn during ingest, as the app does (see openMemoryModel). */
    'memory-model': { type: 'string' },
    epochs: { type: 'string', default: '30' },
    save: { type: 'boolean', default: false }
  }
})

const PAIRS_PER_EVIDENCE = 30
const SEED = 7

interface Question {
  qa: LocomoQuestion
  candidates: RankCandidate[]
}

async function main(): Promise<void> {
  const embedder = await loadBenchEmbedder(values.embedding)
  const embedderId = embedder.id
  const current = rankWeightsFor(embedderId)
  const memoryModel = await openMemoryModel(values['memory-model'])
  const conversations = await loadLocomo(values.locomo)
  const workDir = await mkdtemp(join(tmpdir(), 'ai-anime-fit-'))
  const byConversation: Question[][] = []
  try {
    for (const conversation of conversations) {
      const bench = await openBenchMemory(join(workDir, conversation.sampleId), embedder)
      try {
        await ingestLocomo(bench, conversation, memoryModel?.generateJson)
        const now = new Date(conversation.turns[conversation.turns.length - 1]!.at)
        const questions: Question[] = []
        for (const qa of conversation.questions) {
          const input = await bench.index.candidates({
            characterId: bench.characterId,
            userId: bench.userId,
            query: qa.question,
            now,
            speakers: { names: conversation.speakers }
          })
          questions.push({ qa, candidates: rankFeatures(input) })
        }
        byConversation.push(questions)
        console.log(`${conversation.sampleId}: ${questions.length} questions`)
      } finally {
        await bench.close()
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true })
    await memoryModel?.dispose()
    await embedder.dispose()
  }

  const all = byConversation.flat()
  console.log(`current weights (${embedderId}): recall@10 ${recallAt10(all, current).toFixed(4)}`)
  let leftOut = 0
  for (const [k, held] of byConversation.entries()) {
    const weights = fit(byConversation.filter((_, i) => i !== k).flat())
    leftOut += recallAt10(held, weights) * held.length
  }
  console.log(`fitted, each conversation left out in turn: recall@10 ${(leftOut / all.length).toFixed(4)}`)
  const weights = fit(all)
  const rounded = Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, Number(w.toFixed(2))]))
  console.log('fitted on all:', rounded)
  if (values.save && values.embedding) {
    const file = resolve('src', 'main', 'memory', 'fittedRankWeights.json')
    const table = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    table[embedderFamily(embedderId)] = rounded
    await writeFile(file, JSON.stringify(table, null, 2) + '\n')
    console.log(`saved for ${embedderFamily(embedderId)} in ${file}`)
  }
}

/** Evidence recall@10 as the bench counts it: ranked, packed into the 1.5k-token budget, expanded to source turns. */
function recallAt10(questions: readonly Question[], weights: RankWeights): number {
  let sum = 0
  for (const { qa, candidates } of questions) {
    const used = packMemories(orderByScore(candidates, weights), LOCOMO_TOKEN_BUDGET, estimateTokens, 'Memories').used
    sum += evidenceShare(
      qa.evidence,
      topTurns(
        used.map((m) => m.sourceMessageIds),
        10
      )
    )
  }
  return sum / Math.max(1, questions.length)
}

/**
 * Pairwise logistic regression by SGD (seeded, so a run is reproducible), from the current weights; the result is
 * scaled to text = 1. The neighbour features were built with the current text and vector weights: after a large
 * change of those two, fit again.
 */
function fit(questions: readonly Question[]): RankWeights {
  const random = seededRandom(SEED)
  const pairs: [RankWeights, RankWeights][] = []
  for (const { qa, candidates } of questions) {
    const isEvidence = (c: RankCandidate): boolean => c.memory.sourceMessageIds.some((id) => qa.evidence.includes(id))
    const positives = candidates.filter(isEvidence)
    const negatives = candidates.filter((c) => !isEvidence(c))
    if (negatives.length === 0) continue
    for (const p of positives)
      for (let i = 0; i < PAIRS_PER_EVIDENCE; i++)
        pairs.push([p.features, negatives[Math.floor(random() * negatives.length)]!.features])
  }
  const weights: RankWeights = { ...RANK_WEIGHTS }
  const names = Object.keys(weights) as RankFeature[]
  for (let epoch = 0; epoch < Number(values.epochs); epoch++) {
    const rate = 0.05 / (1 + epoch)
    for (const [better, worse] of shuffled(pairs, SEED + epoch)) {
      // d/dw of log(1 + exp(-(s(better) - s(worse)))), plus a little L2 pull towards 0.
      const gradient = -1 / (1 + Math.exp(scoreOf(better, weights) - scoreOf(worse, weights)))
      for (const name of names)
        weights[name] -= rate * (gradient * (better[name] - worse[name]) + 0.001 * weights[name])
    }
  }
  return Object.fromEntries(names.map((name) => [name, weights[name] / weights.text])) as RankWeights
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
