import { join } from 'node:path'
import type { Embedder } from '../../src/main/llm/embed/Embedder'
import type { NewMemory } from '../../src/main/db/repositories/MemoryRepository'
import { percentile } from '../stats'
import { fillMemories } from './fillMemories'
import { openBenchMemory } from './openBenchMemory'

const WORDS = (
  'travel family dog cat garden coffee music guitar painting hiking beach mountain city school work office project ' +
  'birthday party dinner recipe pasta sushi ramen book novel movie series game soccer tennis running yoga friend sister ' +
  'brother mother father vacation flight train car bike rain snow summer winter spring autumn morning evening weekend ' +
  'doctor exam stress happy sad excited tired promotion interview apartment moved bakery library museum concert photo'
).split(' ')

/** Deterministic pseudo-random sentences, so every run measures the same store. */
function sentence(seed: number): string {
  let x = seed * 2654435761
  const pick = (): string => {
    x = (x * 1103515245 + 12345) >>> 0
    return WORDS[x % WORDS.length]!
  }
  return `I talked about my ${pick()} and the ${pick()} near the ${pick()} after ${pick()} with my ${pick()}.`
}

/** recall() latency (embed + vector + BM25 + fuse + pack) at growing store sizes, one character holding all rows. */
export async function retrievalLatency(
  workDir: string,
  embedder: Embedder,
  sizes: readonly number[]
): Promise<{ p50: Record<string, number>; p95: Record<string, number> }> {
  const p50: Record<string, number> = {}
  const p95: Record<string, number> = {}
  for (const size of sizes) {
    const bench = await openBenchMemory(join(workDir, String(size)), embedder)
    try {
      const start = Date.UTC(2024, 0, 1)
      const rows: NewMemory[] = Array.from({ length: size }, (_, i) => ({
        characterId: bench.characterId,
        userId: bench.userId,
        chatId: null,
        kind: i % 5 === 0 ? 'fact' : 'message',
        subject: null,
        text: sentence(i),
        importance: 0.5,
        validFrom: new Date(start + i * 60_000).toISOString(),
        sourceMessageIds: [`m${i}`]
      }))
      await fillMemories(bench.memory, bench.repository, rows)
      await bench.memory.optimize()
      const times: number[] = []
      for (let q = 0; q < 60; q++) {
        const began = performance.now()
        await bench.memory.recall({
          characterId: bench.characterId,
          userId: bench.userId,
          query: `What did I say about my ${WORDS[(q * 7) % WORDS.length]} and ${WORDS[(q * 13) % WORDS.length]}?`,
          now: new Date(),
          tokenBudget: 1500,
          header: 'M'
        })
        if (q >= 10) times.push(performance.now() - began)
      }
      p50[String(size)] = percentile(times, 50)
      p95[String(size)] = percentile(times, 95)
      process.stderr.write(
        `[bench] memory: ${size} memories: p50 ${p50[String(size)]!.toFixed(1)} ms, p95 ${p95[String(size)]!.toFixed(1)} ms\n`
      )
    } finally {
      await bench.close()
    }
  }
  return { p50, p95 }
}
