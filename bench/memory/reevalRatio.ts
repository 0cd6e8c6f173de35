import { join } from 'node:path'
import { buildConfig } from '../../src/main/config'
import { createCore } from '../../src/main/core'
import type { GenerationResult } from '../../src/main/llm/types'

const LINES = [
  'I live in Tokyo and work at a small bakery.',
  'My favourite food is ramen.',
  'I have a cat named Mochi.',
  'Work was busy today.',
  'Do you like rainy days?',
  'My sister is called Mia.',
  'I started a new job at a bookshop.',
  'What should I cook tonight?',
  'I went hiking last weekend.',
  'My birthday is 3 May.'
]

export interface ReevalTurn {
  /** Prompt tokens node-llama-cpp evaluated (not taken from the KV cache). */
  evaluated: number
  /** Tokens new in this prompt: end of the previous reply's turn, the user's message with its context, reply start. */
  fresh: number
  /** The whole prompt. */
  promptTokens: number
  timeToFirstTokenMs: number | null
}

export interface ReevalReport {
  /** Evaluated / fresh over the turns after the first (the first reads the system prompt once). */
  ratio: number
  /** Prompt length of the last turn, to weigh the ratio against what the prompt carries. */
  finalPromptTokens: number
  /** Turns whose prompt starts later in the chat than the turn before (history cut to fit the context). */
  cuts: number
  turns: ReevalTurn[]
}

/**
 * KV reuse over a chat with memories on: prompt tokens evaluated per turn divided by the tokens that are new in
 * that turn's prompt. 1.0 means nothing old is read again. Alone, without the slow LoCoMo part of the suite:
 * npx tsx -e "import(process.cwd() + '/bench/memory/reevalRatio.ts').then((m) => m.reevalRatio('/tmp/reeval-' + Date.now(),
 * '../shared/models/llama-2-tiny-random.gguf', 30)).then((r) => console.log(r.ratio, r.finalPromptTokens))"
 * With a small context (4th argument) the history is cut several times on the way: that measures the cuts' cost.
 */
export async function reevalRatio(
  workDir: string,
  modelPath: string,
  turnCount: number,
  contextSize?: number
): Promise<ReevalReport> {
  const results: GenerationResult[] = []
  const core = await createCore(
    buildConfig({
      dataDir: join(workDir, 'data'),
      resourcesDir: join(process.cwd(), 'resources'),
      threads: 1,
      gpu: false,
      maxContextSize: 8192
    }),
    {
      onGeneration: (r) => r.lane === 'chat' && results.push(r)
    }
  )
  try {
    core.settings.update({ sampling: { temperature: 0.7, seed: 7, maxTokens: 40 }, isModelMemoryExtractionOn: false })
    await core.runtime.load({ path: modelPath, contextSize })
    const character = core.characters.list(core.userId)[0]!
    const chat = core.chat.create(character.id)
    const turns: ReevalTurn[] = []
    for (let i = 0; i < turnCount; i++) {
      const done = new Promise<void>((resolve) => {
        const off = core.events.subscribe((event) => {
          if (event === 'chat.done' || event === 'chat.error') {
            off()
            resolve()
          }
        })
      })
      core.chat.send(chat.id, LINES[i % LINES.length]!)
      await done
      await core.background.settle()
      const result = results[results.length - 1]!
      // New in this prompt: everything after the previous reply, i.e. the end of that reply's turn, the user's message
      // with what was injected for it (memories, lore, tone) and the start of the new reply, in exact template tokens.
      turns.push({
        evaluated: result.promptTokensEvaluated,
        fresh: result.promptTailTokens ?? result.promptTokens,
        promptTokens: result.promptTokens,
        timeToFirstTokenMs: result.timeToFirstTokenMs
      })
    }
    const later = turns.slice(1)
    return {
      ratio: sum(later.map((t) => t.evaluated)) / Math.max(1, sum(later.map((t) => t.fresh))),
      finalPromptTokens: turns[turns.length - 1]?.promptTokens ?? 0,
      cuts: later.filter((t, i) => t.promptTokens < turns[i]!.promptTokens).length,
      turns
    }
  } finally {
    await core.dispose()
  }
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)
