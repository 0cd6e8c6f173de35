import { join } from 'node:path'
import type { Embedder } from '../../src/main/llm/embed/Embedder'
import type { GenerateJson } from '../../src/main/memory/extractFactsWithModel'
import { loadLocomo } from '../locomo/loadLocomo'
import { ingestLocomo } from './ingestLocomo'
import { openBenchMemory } from './openBenchMemory'

export interface RecallScores {
  recallAt5: number
  recallAt10: number
  byCategory: Record<string, { recallAt5: number; recallAt10: number; n: number }>
  tokensPerQuery: number
  questions: number
}

/** The memory budget each question is recalled with (the app's default). */
export const LOCOMO_TOKEN_BUDGET = 1500

/** Share of a question's evidence turns among `turns`. */
export function evidenceShare(evidence: readonly string[], turns: ReadonlySet<string>): number {
  return evidence.filter((id) => turns.has(id)).length / evidence.length
}

/** First k distinct turns reached by walking the ranked memories and expanding each to its source turns. */
export function topTurns(sourceLists: readonly (readonly string[])[], k: number): Set<string> {
  const turns = new Set<string>()
  for (const sources of sourceLists) {
    for (const id of sources) {
      if (turns.size >= k) return turns
      turns.add(id)
    }
  }
  return turns
}

/**
 * LoCoMo evidence recall through the real pipeline: every turn ingested as the app ingests a user message (turn
 * memory + rule facts, model facts with `generateJson`, the conversation's own dates), then each category 1-4 question
 * recalled as the app does.
 */
export async function locomoRecall(
  path: string,
  workDir: string,
  embedder: Embedder,
  options: { isQuick: boolean; generateJson?: GenerateJson }
): Promise<RecallScores> {
  const conversations = (await loadLocomo(path)).slice(0, options.isQuick ? 1 : undefined)
  const sums: Record<string, { at5: number; at10: number; n: number }> = {}
  let tokens = 0
  let count = 0
  for (const conversation of conversations) {
    const bench = await openBenchMemory(join(workDir, conversation.sampleId), embedder)
    try {
      await ingestLocomo(bench, conversation, options.generateJson)
      const now = new Date(conversation.turns[conversation.turns.length - 1]!.at)
      for (const qa of conversation.questions) {
        const recalled = await bench.memory.recall({
          characterId: bench.characterId,
          userId: bench.userId,
          query: qa.question,
          now,
          tokenBudget: LOCOMO_TOKEN_BUDGET,
          header: 'Memories',
          speakers: { names: conversation.speakers }
        })
        const sources = recalled.used.map((m) => m.sourceMessageIds)
        const at5 = topTurns(sources, 5)
        const at10 = topTurns(sources, 10)
        const hit = (set: Set<string>): number => evidenceShare(qa.evidence, set)
        const bucket = (sums[String(qa.category)] ??= { at5: 0, at10: 0, n: 0 })
        bucket.at5 += hit(at5)
        bucket.at10 += hit(at10)
        bucket.n++
        tokens += recalled.tokens
        count++
      }
    } finally {
      await bench.close()
    }
  }
  const all = Object.values(sums).reduce((a, b) => ({ at5: a.at5 + b.at5, at10: a.at10 + b.at10, n: a.n + b.n }), {
    at5: 0,
    at10: 0,
    n: 0
  })
  return {
    recallAt5: all.at5 / Math.max(1, all.n),
    recallAt10: all.at10 / Math.max(1, all.n),
    byCategory: Object.fromEntries(
      Object.entries(sums).map(([category, s]) => [
        category,
        { recallAt5: s.at5 / s.n, recallAt10: s.at10 / s.n, n: s.n }
      ])
    ),
    tokensPerQuery: tokens / Math.max(1, count),
    questions: count
  }
}
