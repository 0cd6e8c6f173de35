/**
 * Suite `chat`: tokens/s of the app's whole chat path (HTTP call -> prompt assembly -> queue -> stream -> SSE
 * -> persisted reply) against raw node-llama-cpp (LlamaChatSession), same model, settings and run.
 */
import { LlamaChatSession } from 'node-llama-cpp'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { buildConfig } from '../../src/main/config'
import { createCore } from '../../src/main/core'
import { buildSystemPrompt } from '../../src/main/chat/buildSystemPrompt'
import { noLinesShown, renderMessage } from '../../src/main/chat/buildPromptTurns'
import { createHandlers } from '../../src/main/ipc/handlers'
import { startHttpTransport } from '../../src/main/ipc/httpTransport'
import type { GenerationResult } from '../../src/main/llm/types'
import { buildSamplingOptions } from '../../src/main/llm/buildSamplingOptions'
import { apiCaller } from '../apiCaller'
import type { BenchSuite } from '../types'
import { median } from '../stats'
import { openEventStream } from '../openEventStream'

const PROMPTS = [
  'Good evening! How are you today?',
  'Can you recommend a book for a rainy night?',
  'Hi! Tell me a short story about a brave little cat.',
  'What happened next in the story?',
  'Tell me another story, about a dragon this time.',
  'Which story did you like more?',
  'One more story, please, about the sea.',
  'Thank you! Tell me about your day.'
]

export const chatSuite: BenchSuite = {
  name: 'chat',
  async run(args) {
    const trials = args.isQuick ? 2 : PROMPTS.length
    const maxTokens = 128
    const generations: GenerationResult[] = []
    const core = await createCore(
      buildConfig({ dataDir: join(args.workDir, 'data'), resourcesDir: join(process.cwd(), 'resources') }),
      {
        onGeneration: (result) => result.lane === 'chat' && generations.push(result)
      }
    )
    core.settings.update({ sampling: { temperature: 0.8, seed: 42, maxTokens } })
    const server = await startHttpTransport({
      handlers: createHandlers(core, 'http'),
      events: core.events,
      host: '127.0.0.1',
      port: 0,
      token: null,
      staticDir: null
    })
    const call = apiCaller(server.url)
    const events = await openEventStream(`${server.url}api/events`)
    try {
      const loadStarted = performance.now()
      await call('models.load', { path: args.model })
      const loadMs = performance.now() - loadStarted
      const character = (await call('characters.list', {}))[0]!
      const chat = await call('chat.create', { characterId: character.id })

      // Raw: the same weights in a fresh context of the same size and threads, the same persona prompt and, turn by
      // turn, the same user text the app sent (message + recalled memories + tone). App and raw turns alternate so
      // that load on the machine hits both alike.
      const llama = await core.runtime.getLlama()
      const status = await core.runtime.status()
      const model = await llama.loadModel({ modelPath: args.model, gpuLayers: 'auto' })
      const context = await model.createContext({
        contextSize: status.contextSize ?? 2048,
        threads: core.config.threads
      })
      const session = new LlamaChatSession({
        contextSequence: context.getSequence(),
        systemPrompt: buildSystemPrompt(core.characters.get(character.id), core.users.get(core.userId))
      })
      const totals = { appTokens: 0, appMs: 0, rawTokens: 0, rawMs: 0 }
      const ttfts: number[] = []
      // Memory lines an earlier turn showed, which the app does not repeat (see dedupeContext).
      const shown = noLinesShown()
      for (let i = 0; i < trials; i++) {
        const started = performance.now()
        const streamId = randomUUID()
        await call('chat.send', { chatId: chat.id, text: PROMPTS[i % PROMPTS.length]!, streamId })
        const first = events.waitFor(
          (e) => e.event === 'chat.token' && (e.payload as { streamId: string }).streamId === streamId
        )
        await events.waitFor(
          (e) => e.event === 'chat.done' && (e.payload as { streamId: string }).streamId === streamId
        )
        totals.appMs += performance.now() - started
        totals.appTokens += generations[generations.length - 1]!.outputTokens
        ttfts.push((await first) - started)
        const history = core.messages.list(chat.id)
        const userTurn = renderMessage(history[history.length - 2]!, shown).text
        // A person reads the reply before answering; background memory work runs then, as it does in the app.
        await core.background.settle()

        const before = session.sequence.tokenMeter.getState()
        const rawStarted = performance.now()
        await session.prompt(userTurn, buildSamplingOptions(core.settings.get().sampling))
        totals.rawMs += performance.now() - rawStarted
        totals.rawTokens += session.sequence.tokenMeter.diff(before).usedOutputTokens
      }
      session.dispose()
      await context.dispose()
      await model.dispose()

      const app = (totals.appTokens / totals.appMs) * 1000
      const raw = (totals.rawTokens / totals.rawMs) * 1000
      return {
        'chat.appTokensPerSec': app,
        'chat.rawTokensPerSec': raw,
        'chat.ratio': app / raw,
        'chat.ttftMs': median(ttfts),
        'model.loadMs': loadMs
      }
    } finally {
      events.close()
      await server.close()
      await core.dispose()
    }
  }
}
