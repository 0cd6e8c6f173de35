import { join } from 'node:path'
import { buildConfig } from '../../src/main/config'
import { createCore } from '../../src/main/core'
import type { GenerationResult } from '../../src/main/llm/types'
import { buildPromptTurns, renderMessage } from '../../src/main/chat/buildPromptTurns'
import { buildSystemPrompt } from '../../src/main/chat/buildSystemPrompt'

const LINES = [
  'I live in Tokyo and work at a small bakery.', 'My favourite food is ramen.', 'I have a cat named Mochi.', 'Work was busy today.',
  'Do you like rainy days?', 'My sister is called Mia.', 'I started a new job at a bookshop.', 'What should I cook tonight?',
  'I went hiking last weekend.', 'My birthday is 3 May.'
]

/**
 * KV reuse over a chat with memories on: prompt tokens evaluated per turn divided by the tokens that are new in
 * that turn's prompt (full prompt now minus full prompt last turn and the reply already in the cache).
 */
export async function reevalRatio(workDir: string, modelPath: string, turns: number): Promise<number> {
  const results: GenerationResult[] = []
  const core = await createCore(buildConfig({ dataDir: join(workDir, 'data'), resourcesDir: join(process.cwd(), 'resources'), threads: 1, gpu: false, maxContextSize: 8192 }), {
    onGeneration: (r) => results.push(r)
  })
  try {
    core.settings.update({ sampling: { temperature: 0.7, seed: 7, maxTokens: 40 }, isModelMemoryExtractionOn: false })
    await core.runtime.load({ path: modelPath })
    const character = core.characters.list(core.userId)[0]!
    const chat = core.chat.create(character.id)
    const user = core.users.get(core.userId)
    let evaluated = 0
    let fresh = 0
    let previousTotal = 0
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
      const before = history.slice(0, -1)
      const prompt = buildPromptTurns({ systemPrompt: buildSystemPrompt(character, user, core.memory.pinnedTexts({ characterId: character.id, userId: user.id })), messages: before, countTokens: (t) => core.runtime.countTokens(t), maxPromptTokens: 1e9 })
      const total = core.runtime.countPromptTokens(prompt.turns)
      const result = results[results.length - 1]!
      if (i > 0) {
        evaluated += result.promptTokensEvaluated
        fresh += Math.max(1, total - previousTotal)
      }
      const reply = history[history.length - 1]!
      previousTotal = total + core.runtime.countTokens(renderMessage(reply).text)
    }
    return evaluated / Math.max(1, fresh)
  } finally {
    await core.dispose()
  }
}
