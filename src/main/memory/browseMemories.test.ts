import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db/openDatabase'
import { CharacterRepository } from '../db/repositories/CharacterRepository'
import { UserRepository } from '../db/repositories/UserRepository'
import { starterCharacter } from '../characters/starterCharacter'
import { Model2VecEmbedder } from '../llm/embed/Model2VecEmbedder'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { resourcesDir } from '../../../tests/helpers/sharedPaths'
import type { NewMemory } from '../db/repositories/MemoryRepository'
import { openMemoryService, type OpenedMemory } from './openMemoryService'

describe('the Memories panel pages, and prompts read pinned memories alone', () => {
  const tempDir = useTempDir()
  let embedder: Model2VecEmbedder
  let db: Db | null = null
  let opened: OpenedMemory | null = null
  beforeAll(async () => {
    embedder = await Model2VecEmbedder.load(join(resourcesDir, 'embeddings', 'potion-base-2M'))
  })
  afterEach(async () => {
    await opened?.memory.close()
    db?.close()
  })

  it('returns the same memories page by page as in one list, newest first, turns and summaries kept apart', async () => {
    const dir = tempDir()
    db = openDatabase(join(dir, 'app.sqlite'))
    const userId = new UserRepository(db).ensureLocalUser().id
    const characterId = new CharacterRepository(db).insert(userId, starterCharacter()).id
    opened = await openMemoryService(db, join(dir, 'memory-index'), embedder)
    const kinds = ['fact', 'message', 'summary', 'event', 'preference'] as const
    const rows: NewMemory[] = Array.from({ length: 530 }, (_, i) => ({
      characterId,
      userId,
      chatId: null,
      kind: kinds[i % kinds.length]!,
      subject: null,
      text: `memory number ${i}`,
      importance: 0.5,
      validFrom: new Date(Date.UTC(2025, 0, 1) + (i % 97) * 3_600_000 + i).toISOString(),
      sourceMessageIds: []
    }))
    opened.repository.insertMany(rows)
    await opened.memory.repairIndex()
    const owner = { characterId, userId }
    for (const state of ['current', 'summaries', 'all'] as const) {
      const whole = await opened.memory.browse(owner, state)
      const paged = []
      for (let offset = 0; ; offset += 100) {
        const page = await opened.memory.browse(owner, state, undefined, { limit: 100, offset })
        paged.push(...page)
        if (page.length < 100) break
      }
      expect(paged.map((m) => m.id)).toEqual(whole.map((m) => m.id))
      const times = whole.map((m) => m.validFrom)
      expect(times).toEqual([...times].sort().reverse())
    }
    expect(
      (await opened.memory.browse(owner, 'current')).some((m) => m.kind === 'message' || m.kind === 'summary')
    ).toBe(false)
    expect(await opened.memory.browse(owner, 'summaries')).toHaveLength(106)

    const [first, second] = await opened.memory.browse(owner, 'current', undefined, { limit: 2 })
    await opened.memory.setPinned(first!.id, true)
    await opened.memory.setPinned(second!.id, true)
    await opened.memory.setPinned(second!.id, false)
    expect(opened.memory.pinnedTexts(owner)).toEqual([first!.text])
  })
})
