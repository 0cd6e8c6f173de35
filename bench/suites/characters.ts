/** Suite `characters`: a full character from a prompt through the app vs raw grammar-constrained generation. */
import { LlamaChatSession } from 'node-llama-cpp'
import { join } from 'node:path'
import { defaultSampling, defaultSliders } from '../../src/shared/domain'
import { buildSamplingOptions } from '../../src/main/llm/buildSamplingOptions'
import { buildConfig } from '../../src/main/config'
import { createCore } from '../../src/main/core'
import { buildCreationPrompt, CREATION_SYSTEM_PROMPT } from '../../src/main/characters/generate/buildCreationPrompt'
import { buildCharacterSchema } from '../../src/main/characters/generate/characterSchema'
import type { BenchSuite } from '../types'
import type { GenerationResult } from '../../src/main/llm/types'
import { median } from '../stats'

const IDEAS = [
  'rebellious elf hacker',
  'shy ghost librarian',
  'retired space pirate who bakes bread',
  'cheerful vampire nurse',
  'stoic samurai cat'
]

export const charactersSuite: BenchSuite = {
  name: 'characters',
  async run(args) {
    const generated: GenerationResult[] = []
    const core = await createCore(
      buildConfig({ dataDir: join(args.workDir, 'data'), resourcesDir: join(process.cwd(), 'resources') }),
      {
        onGeneration: (result) => generated.push(result)
      }
    )
    try {
      await core.runtime.load({ path: args.model })
      const ideas = args.isQuick ? IDEAS.slice(0, 2) : IDEAS
      const sliders = { ...defaultSliders(), sarcasm: 80 }
      // Raw: the same weights, prompt, grammar and sampling in a plain LlamaChatSession, alternated with the app
      // idea by idea so machine load drifts hit both sides alike.
      const llama = await core.runtime.getLlama()
      const model = await llama.loadModel({ modelPath: args.model })
      const context = await model.createContext({
        contextSize: (await core.runtime.status()).contextSize ?? 2048,
        threads: core.config.threads
      })
      const grammar = await llama.createGrammarForJsonSchema(buildCharacterSchema() as never)
      const appMs: number[] = []
      const lengths: number[] = []
      const totals = { appTokens: 0, appMs: 0, rawTokens: 0, rawMs: 0 }
      for (const [i, idea] of ideas.entries()) {
        const started = performance.now()
        await core.characterService.generate(`bench-${i}`, idea, sliders)
        const elapsed = performance.now() - started
        const tokens = generated[generated.length - 1]!.outputTokens
        appMs.push(elapsed)
        lengths.push(tokens)
        totals.appTokens += tokens
        totals.appMs += elapsed
        const session = new LlamaChatSession({
          contextSequence: context.getSequence(),
          systemPrompt: CREATION_SYSTEM_PROMPT
        })
        const before = session.sequence.tokenMeter.getState()
        const rawStarted = performance.now()
        await session.prompt(buildCreationPrompt(idea, sliders), {
          ...buildSamplingOptions({ ...defaultSampling(), temperature: 0.9, maxTokens: 1600 }),
          grammar
        })
        totals.rawMs += performance.now() - rawStarted
        totals.rawTokens += session.sequence.tokenMeter.diff(before).usedOutputTokens
        await session.sequence.dispose()
      }
      await context.dispose()
      await model.dispose()
      return {
        'characters.generateMs': median(appMs),
        'characters.ratio': totals.appTokens / totals.appMs / (totals.rawTokens / totals.rawMs),
        'characters.tokens': median(lengths)
      }
    } finally {
      await core.dispose()
    }
  }
}
