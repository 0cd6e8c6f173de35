import { describe, expect, it } from 'vitest'
import { runKilledChild } from './helpers/process/runKilledChild'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

describe('the summary of the history cut from the prompt', () => {
  const tempDir = useTempDir()

  it('is made after a restart when the app was killed before it ran (a durable job, not a promise)', async () => {
    const dataDir = tempDir()
    const { chatId, characterId } = runKilledChild<{ chatId: string; characterId: string }>(
      'tests/helpers/crashAfterCut.ts',
      dataDir
    )
    // No model is loaded after the restart and no message is sent: the queued job alone makes the summary.
    const core = await createTestCore(dataDir)
    await core.background.settle()
    const summaries = core.memory
      .list({ characterId, userId: core.userId }, 'all')
      .filter((m) => m.kind === 'summary' && m.chatId === chatId)
    expect(summaries).toHaveLength(1)
    // It covers turns of this chat that the prompt no longer held: older ones, never the newest.
    const chat = core.messages.list(chatId)
    const ids = chat.map((m) => m.id)
    const sources = summaries[0]!.sourceMessageIds
    expect(sources.length).toBeGreaterThan(10)
    expect(sources.every((id) => ids.includes(id))).toBe(true)
    expect(Math.max(...sources.map((id) => ids.indexOf(id)))).toBeLessThan(chat.length - 10)
    await core.dispose()
  }, 120_000)
})
