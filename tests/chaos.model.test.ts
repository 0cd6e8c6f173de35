import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { AppError } from '../src/shared/errors'
import { storiesModel, tinyLlamaModel } from './helpers/sharedPaths'
import { useTinyModelCore } from './helpers/useTinyModelCore'

/**
 * Chaos: seeded random user actions against a real core (tiny GGUF, real SQLite and LanceDB), interleaved with the
 * replies and background memory work they start. Any seed by hand: CHAOS_SEED=123 CHAOS_RUNS=3 CHAOS_ACTIONS=500.
 */
const SEED = Number(process.env.CHAOS_SEED ?? 20261129)
const RUNS = Number(process.env.CHAOS_RUNS ?? 1)
const ACTIONS = Number(process.env.CHAOS_ACTIONS ?? 400)

const ACTION_NAMES = [
  // Weighted by repetition: mostly replies and what users do to them while they stream, the model loaded most of the time.
  'send',
  'send',
  'send',
  'send',
  'regenerate',
  'regenerate',
  'regenerate',
  'continue',
  'continue',
  'swipe',
  'swipe',
  'swipe',
  'edit',
  'deleteMessage',
  'deleteChat',
  'newChat',
  'newCharacter',
  'deleteCharacter',
  'cancel',
  'cancel',
  'idle',
  'idle',
  'unloadModel',
  'loadModel',
  'loadModel',
  'loadModel',
  'switchEmbedder',
  'editMemory',
  'deleteMemory',
  'importCard'
] as const
type ActionName = (typeof ACTION_NAMES)[number]
interface Step {
  action: ActionName
  pick: number
  flag: boolean
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  action: fc.constantFrom(...ACTION_NAMES),
  pick: fc.nat(),
  flag: fc.boolean()
})

const TEXTS = ['I live in Tokyo.', 'My PIN is 4321.', 'I love ramen.', 'Forget that.', 'Where do I live?', 'Hello!']

class Chaos {
  readonly failures: string[] = []
  private readonly streams: string[] = []
  private embedder: string | null = null
  private cardBytes: Uint8Array | null = null
  /** Each message's swipe texts at the last settle; a later settle finds them unchanged unless the user changed them. */
  private settledSwipes = new Map<string, string[]>()
  /** Messages whose shown text the user changed (edit) or extended (continue) since the last settle. */
  private readonly rewritten = new Set<string>()

  constructor(private readonly core: Core) {
    core.events.subscribe((event, payload) => {
      if (event === 'chat.error') {
        const error = (payload as { error: { code: string; message: string } }).error
        if (error.code === 'INTERNAL') this.failures.push(`chat.error INTERNAL: ${error.message}`)
      }
    })
  }

  private chats(): string[] {
    return (this.core.db.prepare('SELECT id FROM chats ORDER BY created_at').all() as { id: string }[]).map((r) => r.id)
  }

  private messages(): { id: string; chat_id: string }[] {
    return this.core.db.prepare('SELECT id, chat_id FROM messages ORDER BY rowid').all() as {
      id: string
      chat_id: string
    }[]
  }

  private activeChat(): string | undefined {
    const row = this.core.db.prepare('SELECT chat_id FROM messages ORDER BY rowid DESC LIMIT 1').get() as
      { chat_id: string } | undefined
    return row?.chat_id
  }

  private versionCount(messageId: string): number {
    const row = this.core.db.prepare('SELECT swipes FROM messages WHERE id = ?').get(messageId) as
      { swipes: string } | undefined
    return row ? (JSON.parse(row.swipes) as string[]).length : 0
  }

  private lastReply(chatId: string): string | undefined {
    const row = this.core.db
      .prepare("SELECT id FROM messages WHERE chat_id = ? AND role = 'assistant' ORDER BY rowid DESC LIMIT 1")
      .get(chatId) as { id: string } | undefined
    return row?.id
  }

  private characters(): string[] {
    return this.core.characters.list(this.core.userId).map((c) => c.id)
  }

  async run(step: Step): Promise<void> {
    const { core } = this
    const pick = <T>(list: readonly T[]): T | undefined => list[step.pick % Math.max(1, list.length)]
    // Users mostly act in the chat they are in: two times in three the one with the newest message.
    const chatId = step.pick % 3 !== 0 ? (this.activeChat() ?? pick(this.chats())) : pick(this.chats())
    try {
      switch (step.action) {
        case 'send':
          if (chatId) this.streams.push(core.chat.send(chatId, pick(TEXTS)!).streamId)
          break
        case 'regenerate':
          // Half the time the user waited for the reply to end first; otherwise it may still be streaming (BUSY).
          if (step.flag) {
            await core.chat.settle()
            this.checkVersions()
          }
          if (chatId) this.streams.push(core.chat.regenerate(chatId).streamId)
          break
        case 'continue':
          if (chatId) {
            const last = this.lastReply(chatId)
            this.streams.push(core.chat.continueReply(chatId).streamId)
            if (last) this.rewritten.add(last)
          }
          break
        case 'swipe': {
          // Half the time the newest reply of a chat: the one a regenerate may be writing right now.
          const messageId = step.pick % 2 === 0 && chatId ? this.lastReply(chatId) : pick(this.messages())?.id
          if (messageId) core.chat.swipe(messageId, step.flag ? 0 : this.versionCount(messageId) - 1)
          break
        }
        case 'edit': {
          const message = pick(this.messages())
          if (message) {
            this.rewritten.add(message.id)
            core.chat.edit(message.id, `edited ${step.pick}`)
          }
          break
        }
        case 'deleteMessage': {
          const message = pick(this.messages())
          if (message) await core.chat.deleteMessage(message.id, { keepMemories: step.flag })
          break
        }
        case 'deleteChat':
          if (chatId) await core.chat.deleteChat(chatId, { keepMemories: step.flag })
          break
        case 'newChat': {
          const characterId = pick(this.characters())
          if (characterId) core.chat.create(characterId)
          break
        }
        case 'newCharacter': {
          const base = core.characters.list(core.userId)[0]
          if (base) core.chat.create(core.characters.insert(core.userId, { ...base, name: `C${step.pick}` }).id)
          break
        }
        case 'deleteCharacter': {
          const characters = this.characters()
          // The last one stays, so the run keeps something to chat with.
          if (characters.length > 1) await core.characterService.delete(pick(characters)!)
          break
        }
        case 'cancel': {
          const streamId = pick(this.streams)
          if (streamId) core.chat.cancel(streamId)
          break
        }
        case 'idle':
          await core.chat.settle()
          this.checkVersions()
          break
        case 'unloadModel':
          await core.runtime.unload()
          break
        case 'loadModel':
          if (!core.runtime.isLoaded) await core.runtime.load({ path: tinyLlamaModel })
          break
        case 'switchEmbedder':
          // Not awaited: the next actions run during the switch.
          this.embedder = this.embedder ? null : storiesModel
          void core.switchEmbeddingModel(this.embedder).catch((error: unknown) => this.record('switch', error))
          break
        case 'editMemory':
        case 'deleteMemory': {
          const ids = core.memoryRepository.all().map((m) => m.id)
          const id = pick(ids)
          if (!id) break
          if (step.action === 'editMemory') await core.memory.updateText(id, `memory ${step.pick}`)
          else await core.memory.deleteOne(id)
          break
        }
        case 'importCard': {
          const first = this.characters()[0]
          if (!first) break
          this.cardBytes ??= (await core.characterService.exportCard(first, 'json-v2')).bytes
          await core.characterService.importCard('card.json', this.cardBytes)
          break
        }
        default:
          step.action satisfies never
      }
    } catch (error) {
      this.record(step.action, error)
    }
    this.checkAlways()
  }

  private record(action: string, error: unknown): void {
    if (error instanceof AppError && error.code !== 'INTERNAL') return
    this.failures.push(`${action}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
  }

  /** What holds at every moment. */
  private checkAlways(): void {
    const orphans = this.core.db
      .prepare('SELECT COUNT(*) AS n FROM messages WHERE chat_id NOT IN (SELECT id FROM chats)')
      .get() as { n: number }
    if (orphans.n > 0) this.failures.push(`${orphans.n} messages without a chat`)
  }

  /** Once no reply streams: every version of a reply seen at the last check is unchanged unless the user edited it. */
  private checkVersions(): void {
    const replies = this.core.db
      .prepare("SELECT id, content, swipes, swipe_index FROM messages WHERE role = 'assistant'")
      .all() as { id: string; content: string; swipes: string; swipe_index: number }[]
    const nowSwipes = new Map<string, string[]>()
    for (const row of replies) {
      const stored = JSON.parse(row.swipes) as string[]
      // A reply never regenerated has one version: its text.
      const list = stored.length > 0 ? stored : [row.content]
      nowSwipes.set(row.id, list)
      if (list[row.swipe_index] !== row.content) this.failures.push(`message ${row.id} shows text of another swipe`)
      const before = this.settledSwipes.get(row.id)
      if (!before || this.rewritten.has(row.id)) continue
      // Regenerating adds a version and swiping shows another; neither may change a version that was already there.
      for (const [i, text] of before.entries())
        if (list[i] !== text) this.failures.push(`message ${row.id}: version ${i} changed without an edit`)
    }
    this.settledSwipes = nowSwipes
    this.rewritten.clear()
  }

  /** What holds once every reply and background job ended. */
  async checkSettled(): Promise<void> {
    const { core } = this
    await core.chat.settle()
    await core.background.settle()
    await core.switchEmbeddingModel(this.embedder).catch((error: unknown) => this.record('switch', error))
    await core.background.settle()
    const streaming = core.db.prepare("SELECT COUNT(*) AS n FROM messages WHERE status = 'streaming'").get() as {
      n: number
    }
    if (streaming.n > 0) this.failures.push(`${streaming.n} messages left streaming while idle`)
    this.checkVersions()
    const messageIds = new Set(this.messages().map((m) => m.id))
    for (const memory of core.memoryRepository.all()) {
      const missing = memory.sourceMessageIds.filter((id) => !messageIds.has(id))
      if (missing.length > 0 && !memory.isOrphaned)
        this.failures.push(`memory ${memory.id} (${memory.kind}) cites deleted messages`)
      // A memory learnt from nothing must be one the user kept (orphaned) or shared; anything else leaked a deletion.
      if (memory.sourceMessageIds.length === 0 && !memory.isOrphaned && !memory.sharedFrom)
        this.failures.push(`memory ${memory.id} (${memory.kind}) has no source and is not marked orphaned`)
    }
    const indexed = (await core.memoryIndex.ids()).sort()
    const stored = core.memoryRepository
      .all()
      .map((m) => m.id)
      .sort()
    if (JSON.stringify(indexed) !== JSON.stringify(stored))
      this.failures.push(`index has ${indexed.length} rows, SQLite ${stored.length} memories`)
  }
}

describe('chaos: random user actions during replies and background work', () => {
  const useCore = useTinyModelCore({ maxTokens: 6 })

  it(`keeps every invariant (seed ${SEED}, ${RUNS} run(s) of ${ACTIONS} actions)`, { timeout: 600_000 }, async () => {
    const core = useCore()
    const uncaught: unknown[] = []
    const record = (error: unknown): void => void uncaught.push(error)
    process.on('uncaughtException', record)
    process.on('unhandledRejection', record)
    try {
      const runs = fc.sample(fc.array(stepArb, { minLength: ACTIONS, maxLength: ACTIONS }), {
        seed: SEED,
        numRuns: RUNS
      })
      for (const [run, steps] of runs.entries()) {
        const chaos = new Chaos(core)
        for (const [i, step] of steps.entries()) {
          await chaos.run(step)
          if (i % 50 === 49) await chaos.checkSettled()
          expect(chaos.failures, `run ${run}, action ${i} (${step.action}), seed ${SEED}`).toEqual([])
        }
        await chaos.checkSettled()
        expect(chaos.failures, `run ${run} at the end, seed ${SEED}`).toEqual([])
      }
      expect(uncaught).toEqual([])
    } finally {
      process.off('uncaughtException', record)
      process.off('unhandledRejection', record)
    }
  })
})
