import { join } from 'node:path'
import { buildConfig } from '../../src/main/config'
import { createCore } from '../../src/main/core'
import type { GenerationResult } from '../../src/main/llm/types'
import { renderMessage } from '../../src/main/chat/buildPromptTurns'

const LINES = [
  'I live in Tokyo and work at a small bakery.', 'My favourite food is ramen.', 'I have a cat named Mochi.', 'Work was busy today.',
  'Do you like rainy days?', 'My sister is called Mia.', 'I started a new job at a bookshop.', 'What should I cook tonight?',
  'I went hiking last weekend.', 'My birthday is 3 May.'
]

/**
 * KV reuse over a chat with memories on: prompt tokens evaluated per turn divided by the tokens that are new in
 * that turn's prompt (the new message and what was injected for it). 1.0 means nothing old is read again.
 */
export async function reevalRatio(workDir: string, modelPath: string, turns: number): Promise<number> {
  const results: GenerationResult[] = []
  const core = await createCore(buildConfig({ dataDir: join(workDir, 'data'), resourcesDir: join(process.cwd(), 'resources'), threads: 1, gpu: false, maxContextSize: 8192 }), {
    onGeneration: (r) => r.lane === 'chat' && results.push(r)
  })
  try {
    core.settings.update({ sampling: { temperature: 0.7, seed: 7, maxTokens: 40 }, isModelMemoryExtractionOn: false })
    await core.runtime.load({ path: modelPath })
    const character = core.characters.list(core.userId)[0]!
    const chat = core.chat.create(character.id)
    let evaluated = 0
    let fresh = 0
    for (let i = 0; i < turns; i++) {
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
      const history = core.messages.list(chat.id)
      const newest = history[history.length - 2]!
      const result = results[results.length - 1]!
      if (i > 0) {
        evaluated += result.promptTokensEvaluated
        // New in this prompt: the user's message with what was injected for it (memories, tone), plus its turn markers.
        fresh += core.runtime.countTokens(renderMessage(newest, true).text) + 4
      }
    }
    return evaluated / Math.max(1, fresh)
  } finally {
    await core.dispose()
  }
}
