import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

/**
 * kill -9 at seeded random points of replies, imported-history ingestion and embedding model switches
 * (tests/helpers/process/crashAtRandomPoint.ts), then a restart: nothing the user sent is lost, no reply is left
 * streaming, and memory catches up with every user message. The first run goes to the end and counts the events the
 * core emits; the others die at a seeded event among them. Any seed by hand: CRASH_SEED=7 CRASH_RUNS=10.
 */
const SEED = Number(process.env.CRASH_SEED ?? 20261129)
const RUNS = Number(process.env.CRASH_RUNS ?? 3)

interface ChildReport {
  importedChatId?: string
  sent?: { chatId: string; messageId: string; text: string }
  died?: number
}

function runUntilKilled(dataDir: string, killAt: number): ChildReport[] {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tests/helpers/process/crashAtRandomPoint.ts', dataDir, String(killAt)],
    { encoding: 'utf8', timeout: 240_000 }
  )
  expect(child.signal, child.stderr.slice(-2000)).toBe('SIGKILL')
  return child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ChildReport)
}

async function checkAfterRestart(dataDir: string, reports: ChildReport[], killAt: number): Promise<void> {
  const core = await createTestCore(dataDir)
  try {
    await core.background.settle()
    for (const { sent } of reports) {
      if (!sent) continue
      expect(core.messages.get(sent.messageId)).toMatchObject({ role: 'user', content: sent.text })
    }
    const importedChatId = reports.find((r) => r.importedChatId)?.importedChatId
    if (importedChatId) expect(core.messages.list(importedChatId)).toHaveLength(16)
    const streaming = core.db.prepare("SELECT COUNT(*) AS n FROM messages WHERE status = 'streaming'").get() as {
      n: number
    }
    expect(streaming.n).toBe(0)
    // Every user message, sent or imported, reached long-term memory.
    const userMessages = core.db.prepare("SELECT id FROM messages WHERE role = 'user'").all() as { id: string }[]
    const forgotten = userMessages.filter(
      ({ id }) => !core.memoryRepository.bySourceMessage(id).some((m) => m.kind === 'message')
    )
    expect(forgotten, `killed at event ${killAt}: user messages without a memory`).toEqual([])
    // The index holds each memory once, embedded by the model the settings name.
    const indexed = (await core.memoryIndex.ids()).sort()
    const stored = core.memoryRepository
      .all()
      .map((m) => m.id)
      .sort()
    const unindexed = core.memoryRepository.all().filter((m) => !indexed.includes(m.id))
    expect(indexed, `killed at event ${killAt}; not indexed: ${JSON.stringify(unindexed)}`).toEqual(stored)
    const expectedEmbedder = core.settings.get().embeddingModelPath ? /^gguf:/ : /^model2vec:/
    expect(core.memoryIndex.embedderId).toMatch(expectedEmbedder)
  } finally {
    await core.dispose()
  }
}

describe('kill -9 at random points of replies, ingestion and embedding switches', () => {
  const tempDir = useTempDir()

  it(
    `loses nothing the user sent and memory catches up (seed ${SEED}, ${RUNS} kills)`,
    { timeout: 900_000 },
    async () => {
      const wholeDir = tempDir()
      const whole = runUntilKilled(wholeDir, Number.MAX_SAFE_INTEGER)
      const total = whole.find((r) => r.died !== undefined)?.died ?? 0
      expect(total, 'events of a whole run').toBeGreaterThan(10)
      await checkAfterRestart(wholeDir, whole, total)
      const killPoints = fc.sample(fc.integer({ min: 1, max: total }), { seed: SEED, numRuns: RUNS })
      for (const killAt of killPoints) {
        const dataDir = tempDir()
        const reports = runUntilKilled(dataDir, killAt)
        await checkAfterRestart(dataDir, reports, killAt)
      }
    }
  )
})
