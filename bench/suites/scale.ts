/**
 * Suite `scale`: a long chat stays instant. Per chat size (1k / 10k / 100k messages; 100k memories beside the
 * largest), built in a fresh data folder the way the app stores them: opening it in Chromium over the real UI, the
 * DOM it builds, the first reply's time to first token against a 200-message chat of the same run, main-thread long
 * tasks while a 300-token reply streams, chat.search latency, and the core's start-up against an empty folder.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { buildConfig } from '../../src/main/config'
import { createCore, type Core } from '../../src/main/core'
import { createHandlers } from '../../src/main/ipc/handlers'
import { startHttpTransport } from '../../src/main/ipc/httpTransport'
import { apiCaller } from '../apiCaller'
import type { BenchResult, BenchSuite } from '../types'
import { median, percentile } from '../stats'
import { openEventStream } from '../openEventStream'
import { buildChat, buildMemories } from '../scale/buildScaleData'
import {
  countDomNodes,
  ensureRendererBuilt,
  launchChromium,
  measureOpen,
  measureSwitch,
  measureStreamLongTasks,
  rendererDir
} from '../scale/measureInBrowser'

/** Pairs of fresh chats (200 messages, and the size measured) whose first replies are timed. */
const FIRST_REPLY_ROUNDS = 5

const SEARCHES = ['garden', 'coffee near', 'talked about music', 'mount', 'sushi ramen', 'zebra']

// One thread: on the tiny GGUF more threads only add synchronisation (see NOTES), and the run shares the machine.
const openCore = (dataDir: string): Promise<Core> =>
  createCore(buildConfig({ dataDir, resourcesDir: join(process.cwd(), 'resources'), threads: 1 }))

/** Starts timed per folder: the first start of a folder migrates it, and single starts swing by +-50%. */
const STARTS = 7

async function startOnce(dataDir: string): Promise<number> {
  const started = performance.now()
  const core = await openCore(dataDir)
  const ms = performance.now() - started
  await core.dispose()
  return ms
}

/**
 * Core ready: medians of starts of this folder and of the empty one, taken in turns so that both see the same
 * machine (three starts of the large folder alone gave ratios from 0.8 to 1.8 between runs).
 */
async function startupMs(dataDir: string, emptyDir: string): Promise<{ ms: number; emptyMs: number }> {
  const times: number[] = []
  const emptyTimes: number[] = []
  for (let i = 0; i < STARTS; i++) {
    emptyTimes.push(await startOnce(emptyDir))
    times.push(await startOnce(dataDir))
  }
  return { ms: median(times), emptyMs: median(emptyTimes) }
}

export const scaleSuite: BenchSuite = {
  name: 'scale',
  async run(args) {
    const sizes = args.scaleSizes ?? (args.isQuick ? [1000, 10_000] : [1000, 10_000, 100_000])
    // Memories beside the largest chat: as many as its messages, at least 10,000.
    const memoryCount = Math.max(10_000, Math.min(100_000, Math.max(...sizes)))
    ensureRendererBuilt()
    const result: BenchResult = {}
    const emptyDir = join(args.workDir, 'empty')
    await (await openCore(emptyDir)).dispose()
    result['scale.startupMs.empty'] = (await startupMs(emptyDir, emptyDir)).ms
    const browser = await launchChromium()
    try {
      for (const size of sizes) {
        const dataDir = join(args.workDir, String(size))
        const newest = `The newest of ${size} messages.`
        const built = await openCore(dataDir)
        const characterId = built.characters.list(built.userId)[0]!.id
        const warmId = buildChat(built, characterId, 4, 'warm-up chat')
        const shortId = buildChat(built, characterId, 200, 'The newest of 200 messages.')
        // Built last, so it is the chat the app opens.
        const longId = buildChat(built, characterId, size, newest)
        if (size === sizes[sizes.length - 1]) await buildMemories(built, characterId, memoryCount)
        await built.dispose()
        const step = (what: string): boolean => process.stderr.write(`[bench] scale: ${size} messages: ${what}\n`)
        step('built')
        const startup = await startupMs(dataDir, emptyDir)
        result[`scale.startupMs.${size}`] = startup.ms
        result[`scale.startupRatio.${size}`] = startup.ms / startup.emptyMs

        const core = await openCore(dataDir)
        const server = await startHttpTransport({
          handlers: createHandlers(core, 'http'),
          events: core.events,
          host: '127.0.0.1',
          port: 0,
          token: null,
          staticDir: rendererDir
        })
        const events = await openEventStream(`${server.url}api/events`)
        const call = apiCaller(server.url)
        const reply = async (chatId: string, text: string): Promise<number> => {
          const started = performance.now()
          // The caller names the stream, so no event of it can arrive before its id is known.
          const streamId = randomUUID()
          await call('chat.send', { chatId, text, streamId })
          const isOurs = (e: { payload: unknown }): boolean => (e.payload as { streamId: string }).streamId === streamId
          // The first of its events: a token, or its end when the model wrote nothing.
          const first = await events.waitFor(
            (e) => e.event.startsWith('chat.') && e.event !== 'chat.emotion' && isOurs(e)
          )
          await events.waitFor((e) => (e.event === 'chat.done' || e.event === 'chat.error') && isOurs(e))
          await core.background.settle()
          return first - started
        }
        try {
          core.settings.update({ sampling: { temperature: 0.8, seed: 7, maxTokens: 300 } })
          await call('models.load', { path: args.model })

          const loads: number[] = []
          for (let i = 0; i < 3; i++) {
            const { ms, page } = await measureOpen(browser, server.url, newest)
            loads.push(ms)
            if (i === 2) result[`scale.domNodes.${size}`] = await countDomNodes(page)
            await page.context().close()
          }
          // A fresh page: loading the app itself (its scripts, first calls) and then the newest chat.
          result[`scale.pageLoadMs.${size}`] = median(loads)
          // Inside the running app: the long chat against the 200-message one, in turns on one page.
          const { page: open } = await measureOpen(browser, server.url, newest)
          const opens: number[] = []
          const shortOpens: number[] = []
          for (let i = 0; i < 3; i++) {
            shortOpens.push(await measureSwitch(open, shortId, 'The newest of 200 messages.'))
            opens.push(await measureSwitch(open, longId, newest))
          }
          await open.context().close()
          result[`scale.openMs.${size}`] = median(opens)
          result[`scale.openRatio.${size}`] = median(opens) / median(shortOpens)
          step('opened in Chromium')

          const { page } = await measureOpen(browser, server.url, newest)
          result[`scale.streamLongTaskMs.${size}`] = await measureStreamLongTasks(page, 'Tell me a long story.')
          await page.context().close()

          const times: number[] = []
          for (let round = 0; round < 10; round++) {
            for (const query of SEARCHES) {
              const started = performance.now()
              core.messageSearch.search({ query, characterId: round % 2 ? characterId : undefined })
              if (round > 0) times.push(performance.now() - started)
            }
          }
          result[`scale.searchP95Ms.${size}`] = percentile(times, 95)

          // The first reply of this run in each chat: a warm-up chat first, so neither pays for the model's first use.
          await reply(warmId, 'Hello!')
          // First replies take milliseconds on the tiny model, so one pair is noise: each round has chats of its own,
          // built last so the other keys see a data folder with just the one long chat.
          const pairs = Array.from({ length: FIRST_REPLY_ROUNDS }, (_, i) => ({
            shortId: buildChat(core, characterId, 200, `Round ${i} of 200 messages.`),
            longId: buildChat(core, characterId, size, `Round ${i} of ${size} messages.`)
          }))
          const shortTtfts: number[] = []
          const longTtfts: number[] = []
          for (const pair of pairs) {
            shortTtfts.push(await reply(pair.shortId, 'Tell me a story about the sea.'))
            longTtfts.push(await reply(pair.longId, 'Tell me a story about the sea.'))
          }
          result[`scale.firstReplyTtftMs.${size}`] = median(longTtfts)
          result[`scale.firstReplyTtftRatio.${size}`] = median(longTtfts) / median(shortTtfts)
          step('first replies done')
          step('measured')
        } finally {
          events.close()
          await server.close()
          await core.dispose()
        }
      }
    } finally {
      await browser.close()
    }
    return result
  }
}
