import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { blankCharacterDraft } from '../src/shared/domain'
import { collectEvents } from './helpers/collectEvents'
import { sharedDir } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

/** A SillyTavern chat of `turns` user messages, each answered. */
function stChat(turns: number): Buffer {
  const lines: object[] = [
    { user_name: 'Kazuma', character_name: 'Aiko', create_date: 1700000000000, chat_metadata: {} }
  ]
  for (let i = 0; i < turns; i++) {
    lines.push({
      name: 'Kazuma',
      is_user: true,
      send_date: 1700000000000 + i * 60_000,
      mes: `My lucky number today is ${i}.`
    })
    lines.push({ name: 'Aiko', is_user: false, send_date: 1700000030000 + i * 60_000, mes: `Nice, ${i} it is.` })
  }
  return Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n'))
}

describe('an imported chat feeds long-term memory in the background', () => {
  const tempDir = useTempDir()
  const cores: Core[] = []
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.dispose()
  })
  const start = async (dir: string): Promise<Core> => {
    const core = await createTestCore(dir)
    cores.push(core)
    return core
  }
  const characterId = (core: Core): string => core.characters.list(core.userId)[0]!.id
  it('reads every user turn with its speaker and date, reporting progress until done', async () => {
    const core = await start(tempDir())
    const recorder = collectEvents(core.events)
    const bytes = readFileSync(
      join(sharedDir, 'data', 'interop', 'st-chats', 'st-2023-04_megumin_legacy-tavernai-hybrid.jsonl')
    )
    const chat = core.chatInterop.importSt(characterId(core), 'megumin.jsonl', bytes)
    const done = await recorder.waitFor('memory.historyProgress', (p) => p.chatId === chat.id && p.state === 'done')
    expect(done).toMatchObject({ done: 1, total: 1 })
    const userMessage = core.messages.list(chat.id).find((m) => m.role === 'user')!
    const memories = core.memory.list({ characterId: characterId(core), userId: core.userId }, 'all')
    const turn = memories.find((m) => m.sourceMessageIds.includes(userMessage.id))!
    expect(turn).toMatchObject({ chatId: chat.id, speaker: 'You', validFrom: '2023-04-21T20:03:06.446Z' })
    const found = await core.memory.search({ characterId: characterId(core), userId: core.userId }, 'adventure mage', 5)
    expect(found.some((m) => m.sourceMessageIds.includes(userMessage.id))).toBe(true)
  })

  it('can be cancelled, and resumes where it stopped without remembering a turn twice', async () => {
    const core = await start(tempDir())
    const recorder = collectEvents(core.events)
    const chat = core.chatInterop.importSt(characterId(core), 'long.jsonl', stChat(30))
    await recorder.waitFor('memory.historyProgress', (p) => p.chatId === chat.id && p.done >= 1)
    const cancelled = core.history.cancel(chat.id)
    expect(cancelled.state).toBe('cancelled')
    await core.background.settle()
    const owner = { characterId: characterId(core), userId: core.userId }
    const afterCancel = core.memory
      .list(owner, 'all')
      .filter((m) => m.chatId === chat.id && m.kind === 'message').length
    expect(afterCancel).toBeLessThan(30)
    core.history.start(chat.id)
    await recorder.waitFor('memory.historyProgress', (p) => p.chatId === chat.id && p.state === 'done')
    const turns = core.memory.list(owner, 'all').filter((m) => m.chatId === chat.id && m.kind === 'message')
    const userIds = core.messages
      .list(chat.id)
      .filter((m) => m.role === 'user')
      .map((m) => m.id)
    expect(new Set(turns.flatMap((m) => m.sourceMessageIds.filter((id) => userIds.includes(id)))).size).toBe(30)
    expect(turns).toHaveLength(30)
  })

  it('an app closed mid-history resumes it at the next start', async () => {
    const dir = tempDir()
    const first = await start(dir)
    const chat = first.chatInterop.importSt(characterId(first), 'long.jsonl', stChat(30))
    await first.dispose()
    cores.splice(cores.indexOf(first), 1)
    const second = await start(dir)
    const recorder = collectEvents(second.events)
    await recorder.waitFor('memory.historyProgress', (p) => p.chatId === chat.id && p.state === 'done')
    const owner = { characterId: characterId(second), userId: second.userId }
    expect(second.memory.list(owner, 'all').filter((m) => m.chatId === chat.id && m.kind === 'message')).toHaveLength(
      30
    )
  })

  it('an imported group chat feeds every member, with the group chat as source; it resumes per member', async () => {
    const core = await start(tempDir())
    const recorder = collectEvents(core.events)
    const ids = ['Aiko', 'Bram', 'Chiyo'].map(
      (name) => core.characters.insert(core.userId, { ...blankCharacterDraft(), name }).id
    )
    const group = core.groups.create({ name: 'Club', characterIds: ids })
    const lines = [
      { name: 'Kazuma', is_user: true, send_date: 1700000000000, mes: 'Hello all.' },
      { name: 'Bram', is_user: false, send_date: 1700000030000, mes: 'Hi, what is new?' },
      { name: 'Kazuma', is_user: true, send_date: 1700000060000, mes: 'My sister Yui moved to Sapporo.' },
      { name: 'Chiyo', is_user: false, send_date: 1700000090000, mes: 'Sapporo is lovely.' }
    ]
    const bytes = Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n'))
    const chat = core.chatInterop.importStInto({ groupId: group.id }, 'club.jsonl', bytes)
    await recorder.waitFor('memory.historyProgress', (p) => p.chatId === chat.id && p.state === 'done')
    const sister = core.messages.list(chat.id).find((m) => m.content.includes('Sapporo') && m.role === 'user')!
    for (const characterId of ids) {
      const owner = { characterId, userId: core.userId }
      const turns = core.memory.list(owner, 'all').filter((m) => m.kind === 'message' && m.chatId === chat.id)
      expect(turns).toHaveLength(2)
      const turn = turns.find((m) => m.sourceMessageIds.includes(sister.id))!
      // The reply before it keeps its own speaker's name, whoever remembers it.
      expect(turn.text).toBe('Bram: Hi, what is new?\nKazuma: My sister Yui moved to Sapporo.')
      expect(turn.groupId).toBe(group.id)
      const found = await core.memory.search(owner, 'Where did Yui move?', 5)
      expect(found.some((m) => m.sourceMessageIds.includes(sister.id))).toBe(true)
    }
    // A second read (a resume) adds nothing anyone already has.
    await core.background.settle()
    core.history.start(chat.id)
    await core.background.settle()
    for (const characterId of ids)
      expect(
        core.memory
          .list({ characterId, userId: core.userId }, 'all')
          .filter((m) => m.kind === 'message' && m.chatId === chat.id)
      ).toHaveLength(2)
  })
})
