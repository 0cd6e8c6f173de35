import type { Memory } from '../../shared/domain'
import type { QueryHints } from './queryHints'
import type { ScoredId } from './VectorIndex'

const DAY_MS = 86_400_000

/**
 * Weights of the fused score; text and vector are in standard deviations of the candidates' scores. Fitted on LoCoMo
 * dev by `npm run fit:ranking` (a pairwise logistic ranker over these very features), which also checks them with
 * each conversation left out of the fit in turn: evidence recall@10 0.797 both ways (the hand-set weights before:
 * 0.764). BM25 over the turn with its preceding line carries most of the signal, the 64-dim static embedding adds
 * some, the named speaker and date weigh a lot where a question has them, and a turn next to one that matches the
 * question is often what it asks about ("What did it look like?" -> the reply).
 */
export const RANK_WEIGHTS = Object.freeze({
  text: 1,
  vector: 0.45,
  /** The memory is the named speaker's (or the asker's, for "I"). */
  speaker: 3.3,
  /** The memory is from the time the question names. */
  window: 2.7,
  /** Log of the memory's own weight (weightOf). */
  prior: 1.7,
  /** A turn that only asks ("What did it look like?") rarely holds what is asked about later. */
  question: -1.2,
  /** Per unit of log word count: longer turns carry more facts. */
  length: 0.55,
  /** How well the turn before matches the question (text and vector, not hints). */
  previous: 0.55,
  /** How well the turn after matches the question: the answer follows the matching question. */
  next: 0.9
})

export type RankFeature = keyof typeof RANK_WEIGHTS
export type RankWeights = Record<RankFeature, number>

/**
 * Smallest spread a score is divided by: with a handful of candidates (a new chat) a tiny gap would otherwise count
 * as a full standard deviation. Typical spreads over LoCoMo's candidates are larger (BM25 ~2, cosine ~0.1).
 */
const MIN_SPREAD = { text: 1.5, vector: 0.08 }

export interface RankInput {
  /** Vector hits, score = cosine similarity, best first. */
  vectorHits: readonly ScoredId[]
  /** BM25 hits, score = BM25, best first. */
  textHits: readonly ScoredId[]
  memories: ReadonlyMap<string, Memory>
  now: Date
  hints?: QueryHints
  /** For turn memories among the candidates: the turn memory said just before it in the same chat. */
  previousTurn?: ReadonlyMap<string, string>
}

export interface RankCandidate {
  memory: Memory
  features: RankWeights
}

/**
 * Score fusion over the candidates of both searches: each score standardised over the candidates, summed with the
 * query's hints and the memory's own weight (current facts over retired ones, important and recent over trivial
 * and old), then raised by how well the turns just before and after it match the question.
 */
export function rankMemories(input: RankInput, weights: Readonly<RankWeights> = RANK_WEIGHTS): Memory[] {
  return orderByScore(rankFeatures(input, weights), weights)
}

/** Candidates best first by their weighted features. */
export function orderByScore(
  candidates: readonly RankCandidate[],
  weights: Readonly<RankWeights> = RANK_WEIGHTS
): Memory[] {
  return candidates
    .map((candidate) => ({ memory: candidate.memory, score: scoreOf(candidate.features, weights) }))
    .sort((a, b) => b.score - a.score)
    .map((s) => s.memory)
}

export function scoreOf(features: Readonly<RankWeights>, weights: Readonly<RankWeights> = RANK_WEIGHTS): number {
  let score = 0
  for (const name of Object.keys(weights) as RankFeature[]) score += weights[name] * features[name]
  return score
}

/** Each candidate's features, in no particular order. Neighbours' matches use the text and vector weights given. */
export function rankFeatures(input: RankInput, weights: Readonly<RankWeights> = RANK_WEIGHTS): RankCandidate[] {
  const ids = [...new Set([...input.textHits.map((h) => h.id), ...input.vectorHits.map((h) => h.id)])].filter((id) =>
    input.memories.has(id)
  )
  if (ids.length === 0) return []
  const text = standardise(ids, input.textHits, 0, MIN_SPREAD.text)
  const vectorFloor = Math.min(...input.vectorHits.map((h) => h.score), 0)
  const vector = standardise(ids, input.vectorHits, vectorFloor, MIN_SPREAD.vector)
  // How well each candidate matches the question's words and meaning, before hints and its own weight.
  const match = new Map(ids.map((id, i) => [id, weights.text * text[i]! + weights.vector * vector[i]!]))
  const next = new Map<string, string>()
  for (const [id, previous] of input.previousTurn ?? []) next.set(previous, id)
  const matchOf = (neighbour: string | undefined): number => (neighbour ? Math.max(0, match.get(neighbour) ?? 0) : 0)
  const hints = input.hints
  return ids.map((id, i) => {
    const memory = input.memories.get(id)!
    const own = ownWords(memory)
    return {
      memory,
      features: {
        text: text[i]!,
        vector: vector[i]!,
        speaker: hints?.speaker && memory.speaker?.toLowerCase() === hints.speaker ? 1 : 0,
        window: hints?.window && memory.validFrom >= hints.window.from && memory.validFrom < hints.window.to ? 1 : 0,
        prior: Math.log(weightOf(memory, input.now)),
        question: own?.endsWith('?') ? 1 : 0,
        length: own ? Math.log(1 + own.split(/\s+/).length) : 0,
        previous: matchOf(input.previousTurn?.get(id)),
        next: matchOf(next.get(id))
      }
    }
  })
}

/**
 * What a memory says itself: a turn its own line (after the context line, without a trailing [attachment note]), a
 * fact its text, so a fact and the turn it came from start even. Summaries are long by nature and count as none.
 */
function ownWords(memory: Memory): string | null {
  if (memory.kind === 'summary') return null
  return memory.text
    .slice(memory.text.lastIndexOf('\n') + 1)
    .replace(/\s*\[[^\]]*\]\s*$/, '')
    .trim()
}

/** Each candidate's score in spreads from the candidates' mean; a candidate the search missed gets `floor`. */
function standardise(ids: readonly string[], hits: readonly ScoredId[], floor: number, minSpread: number): number[] {
  const byId = new Map(hits.map((h) => [h.id, h.score]))
  const values = ids.map((id) => byId.get(id) ?? floor)
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const sd = Math.max(minSpread, Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length))
  return values.map((v) => (v - mean) / sd)
}

/** The memory's own weight, about 0.5..1.2: extracted facts over raw turns, current over retired, important, recent. */
export function weightOf(memory: Memory, now: Date): number {
  const kindWeight = memory.kind === 'message' ? 1 : memory.kind === 'summary' ? 1.05 : 1.1
  const stateWeight = memory.validTo === null ? 1 : 0.55
  const importanceWeight = 0.85 + 0.3 * memory.importance
  const ageDays = Math.max(0, (now.getTime() - new Date(memory.validFrom).getTime()) / DAY_MS)
  const recencyWeight = 0.9 + 0.1 * Math.exp(-ageDays / 60)
  return kindWeight * stateWeight * importanceWeight * recencyWeight
}
