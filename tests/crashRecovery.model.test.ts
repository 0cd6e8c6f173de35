import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../src/main/db/openDatabase'
import { MessageRepository } from '../src/main/db/repositories/MessageRepository'
import { runKilledChild } from './helpers/process/runKilledChild'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

describe('a crash mid-stream (kill -9)', () => {
  const tempDir = useTempDir()

  it('loses no user text and keeps the partial reply, marked as stopped on the next start', async () => {
    const dataDir = tempDir()
    const { chatId, userMessageId } = runKilledChild<{ chatId: string; userMessageId: string }>(
      'tests/helpers/crashMidStream.ts',
      dataDir
    )
    const db = openDatabase(join(dataDir, 'ai-anime.sqlite'))
    const messages = new MessageRepository(db).list(chatId)
    db.close()
    const user = messages.find((m) => m.id === userMessageId)
    expect(user?.content).toBe('Please remember this exact sentence: the blue fox sleeps.')
    const partial = messages[messages.length - 1]!
    expect(partial.role).toBe('assistant')
    expect(partial.status).toBe('streaming')
    expect(partial.content.length).toBeGreaterThan(0)
    const core = await createTestCore(dataDir)
    expect(core.messages.get(partial.id)).toMatchObject({ status: 'cancelled', content: partial.content })
    // Memory work waits for an idle chat; the crash came first. It was queued in SQLite and runs after the restart.
    await core.background.settle()
    const remembered = core.memoryRepository.bySourceMessage(userMessageId)
    expect(remembered.some((m) => m.kind === 'message' && m.text.includes('the blue fox sleeps'))).toBe(true)
    await core.dispose()
  })
})
