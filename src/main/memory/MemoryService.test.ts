import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db/openDatabase'
import { CharacterRepository } from '../db/repositories/CharacterRepository'
import { UserRepository } from '../db/repositories/UserRepository'
import { starterCharacter } from '../characters/starterCharacter'
import type { Embedder } from '../llm/embed/Embedder'
import { Model2VecEmbedder } from '../llm/embed/Model2VecEmbedder'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { resourcesDir } from '../../../tests/helpers/sharedPaths'
import { extractFacts } from './extractFacts'
import { openMemoryService, type OpenedMemory } from './openMemoryService'

const FILLER = [
  'What did you think of the movie last night?',
  'I had pasta for lunch today.',
  'The weather is nice this week.',
  'Do you know any good books about space?',
  'My team won the football match!',
  'I need to buy new shoes.',
  'Work was long and boring.',
  'Have you ever seen the ocean?',
  'I watched a documentary about bees.',
  'Tell me a joke please.'
]

describe('MemoryService on a real SQLite file, LanceDB folder and the bundled embedder', () => {
  const tempDir = useTempDir()
  let embedder: Model2VecEmbedder
  const opened: { db: Db; memory: OpenedMemory }[] = []
  beforeAll(async () => {
    embedder = await Model2VecEmbedder.load(join(resourcesDir, 'embeddings', 'potion-base-2M'))
  })
  afterEach(async () => {
    for (const { db, memory } of opened.splice(0)) {
      await memory.memory.close()
      db.close()
    }
  })

  async function open(
    dir: string,
    withEmbedder: Embedder = embedder
  ): Promise<{ db: Db; memory: OpenedMemory; characters: string[]; userId: string }> {
    const db = openDatabase(join(dir, 'app.sqlite'))
    const user = new UserRepository(db).ensureLocalUser()
    const repo = new CharacterRepository(db)
    while (repo.count(user.id) < 2) repo.insert(user.id, starterCharacter())
    const memory = await openMemoryService(db, join(dir, 'memory-index'), withEmbedder)
    opened.push({ db, memory })
    return { db, memory, characters: repo.list(user.id).map((c) => c.id), userId: user.id }
  }

  async function say(
    memory: OpenedMemory,
    characterId: string,
    userId: string,
    text: string,
    day: number
  ): Promise<void> {
    const at = new Date(Date.UTC(2026, 9, 1 + day)).toISOString()
    await memory.memory.ingest({
      characterId,
      userId,
      chatId: null,
      messageId: `m-${day}-${text.length}`,
      speaker: 'Alex',
      text,
      at,
      facts: extractFacts(text, 'Alex')
    })
  }

  it('embeds what it stores as passages and what it is asked as a query (asymmetric GGUF models need to know)', async () => {
    const seen: string[] = []
    const recording: Embedder = {
      id: embedder.id,
      dimensions: embedder.dimensions,
      embed: (texts, purpose = 'document') => {
        seen.push(...texts.map((text) => `${purpose}: ${text}`))
        return embedder.embed(texts)
      },
      dispose: () => Promise.resolve()
    }
    const { memory, characters, userId } = await open(tempDir(), recording)
    await say(memory, characters[0]!, userId, 'I live in Tokyo.', 0)
    expect(seen).toContain('document: Alex: I live in Tokyo.')
    expect(seen).toContain('document: Alex lives in Tokyo')
    seen.length = 0
    await memory.memory.recall({
      characterId: characters[0]!,
      userId,
      query: 'Where do I live?',
      now: new Date(),
      tokenBudget: 300,
      header: 'M'
    })
    await memory.memory.search({ characterId: characters[0]!, userId }, 'Tokyo')
    expect(seen).toEqual(['query: Where do I live?', 'query: Tokyo'])
  })

  it('recalls "I live in Tokyo" for "Where do I live?" after 60 unrelated turns, within the budget', async () => {
    const { memory, characters, userId } = await open(tempDir())
    const characterId = characters[0]!
    await say(memory, characterId, userId, 'I live in Tokyo, near the river.', 0)
    for (let i = 0; i < 60; i++) await say(memory, characterId, userId, FILLER[i % FILLER.length]!, i + 1)
    const stored = memory.memory.list({ characterId, userId }, 'current', ['fact'])
    expect(stored.map((m) => m.text)).toContain('Alex lives in Tokyo')
    const recalled = await memory.memory.recall({
      characterId,
      userId,
      query: 'Where do I live?',
      now: new Date(Date.UTC(2026, 11, 1)),
      tokenBudget: 300,
      header: 'Memories'
    })
    expect(recalled.block).toContain('Alex lives in Tokyo')
    expect(recalled.used[0]?.text).toBe('Alex lives in Tokyo')
    expect(recalled.tokens).toBeLessThanOrEqual(300)
  })

  it('links a turn to its own message with the line before as context, and favours the date and speaker a question names', async () => {
    const { memory, characters, userId } = await open(tempDir())
    const characterId = characters[0]!
    const turn = (messageId: string, text: string, day: number, speaker = 'Alex') =>
      memory.memory.ingest({
        characterId,
        userId,
        chatId: null,
        messageId,
        speaker,
        text,
        at: new Date(Date.UTC(2026, 9, 1 + day)).toISOString(),
        facts: [],
        previous: { messageId: `${messageId}-q`, speaker: 'Aiko', text: 'What did you do at the weekend?' }
      })
    await turn('early', 'I went to a pottery class with my sister.', 3)
    await turn('late', 'I went to a pottery class with my sister again.', 20)
    await turn('other', 'Sam went to a pottery class with his sister.', 21, 'Sam')
    const stored = memory.memory.list({ characterId, userId }).find((m) => m.sourceMessageIds.includes('early'))!
    expect(stored).toMatchObject({
      sourceMessageIds: ['early'],
      speaker: 'Alex',
      text: 'Aiko: What did you do at the weekend?\nAlex: I went to a pottery class with my sister.'
    })
    const recall = (query: string) =>
      memory.memory.recall({
        characterId,
        userId,
        query,
        now: new Date(Date.UTC(2026, 10, 1)),
        tokenBudget: 300,
        header: 'M',
        speakers: { names: ['Alex', 'Sam'], asker: 'Alex' }
      })
    expect((await recall('What did I do on 4 October, 2026?')).used[0]!.sourceMessageIds).toEqual(['early'])
    expect((await recall('What did I do on October 21, 2026?')).used[0]!.sourceMessageIds).toEqual(['late'])
    expect((await recall('Who did Sam go to the pottery class with?')).used[0]!.sourceMessageIds).toEqual(['other'])
    // A fact found later by the model belongs to the one who said the message, as the turn does.
    const [late] = await memory.memory.addFacts({
      characterId,
      userId,
      chatId: null,
      messageId: 'other',
      speaker: 'Sam',
      at: new Date(Date.UTC(2026, 9, 22)).toISOString(),
      facts: [{ kind: 'relationship', subject: 'sister', text: 'Sam has a sister who likes pottery', importance: 0.6 }]
    })
    expect(late).toMatchObject({ speaker: 'Sam', sourceMessageIds: ['other'] })
    expect((await recall("What does Sam's sister like?")).used[0]!.id).toBe(late!.id)
    const turns = memory.memory
      .list({ characterId, userId }, 'all', ['message'])
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
    const previous = memory.repository.previousTurns(turns)
    expect(previous).toEqual(
      new Map([
        [turns[1]!.id, turns[0]!.id],
        [turns[2]!.id, turns[1]!.id]
      ])
    )
  })

  it('Tokyo then Osaka leaves one current location; the old one is retired, linked and still findable', async () => {
    const { memory, characters, userId } = await open(tempDir())
    const characterId = characters[0]!
    await say(memory, characterId, userId, 'I live in Tokyo.', 0)
    await say(memory, characterId, userId, 'Big news: I moved to Osaka!', 10)
    const current = memory.memory.list({ characterId, userId }, 'current').filter((m) => m.subject === 'location')
    expect(current.map((m) => m.text)).toEqual(['Alex lives in Osaka (moved there)'])
    const past = memory.memory.list({ characterId, userId }, 'past')
    expect(past).toHaveLength(1)
    expect(past[0]).toMatchObject({ text: 'Alex lives in Tokyo', supersededBy: current[0]!.id })
    expect(past[0]!.validTo).toBe(current[0]!.validFrom)
    const recalled = await memory.memory.recall({
      characterId,
      userId,
      query: 'Where did I live before?',
      now: new Date(),
      tokenBudget: 400,
      header: 'Memories'
    })
    const texts = recalled.used.map((m) => m.text)
    expect(texts).toContain('Alex lives in Tokyo')
    expect(texts.indexOf('Alex lives in Osaka (moved there)')).toBeLessThan(texts.indexOf('Alex lives in Tokyo'))
    await say(memory, characterId, userId, 'I live in Osaka', 12)
    expect(memory.memory.list({ characterId, userId }, 'current').filter((m) => m.subject === 'location')).toHaveLength(
      1
    )
  })

  it("keeps each character's memories to itself", async () => {
    const { memory, characters, userId } = await open(tempDir())
    await say(memory, characters[0]!, userId, 'My favourite food is ramen.', 0)
    const other = await memory.memory.recall({
      characterId: characters[1]!,
      userId,
      query: 'What is my favourite food? ramen',
      now: new Date(),
      tokenBudget: 500,
      header: 'Memories'
    })
    expect(other.used).toEqual([])
    const own = await memory.memory.recall({
      characterId: characters[0]!,
      userId,
      query: 'What is my favourite food?',
      now: new Date(),
      tokenBudget: 500,
      header: 'Memories'
    })
    expect(own.block).toContain('ramen')
  })

  it('shares memories with another character only when asked: copies marked with their origin, newer facts kept current', async () => {
    const { memory, characters, userId } = await open(tempDir())
    const [aiko, ren] = [characters[0]!, characters[1]!]
    await say(memory, aiko, userId, 'I live in Tokyo.', 0)
    await say(memory, aiko, userId, 'My favourite food is ramen.', 1)
    await say(memory, ren, userId, 'I live in Osaka.', 5)
    const aikoFacts = memory.memory.list({ characterId: aiko, userId }, 'current').filter((m) => m.kind !== 'message')
    const foodQuery = {
      characterId: ren,
      userId,
      query: 'What is my favourite food?',
      now: new Date(),
      tokenBudget: 500,
      header: 'M'
    }
    expect((await memory.memory.recall(foodQuery)).block).not.toContain('ramen')

    const copies = await memory.memory.share(
      aikoFacts.map((m) => m.id),
      { characterId: ren, userId }
    )
    expect(copies.map((m) => m.text).sort()).toEqual(['Alex lives in Tokyo', "Alex's favourite food is ramen"])
    for (const copy of copies)
      expect(copy).toMatchObject({ characterId: ren, sharedFrom: aiko, sourceMessageIds: [], chatId: null })
    // Ren heard of Osaka later than Aiko of Tokyo: Osaka stays current, Tokyo comes in as the past fact it is.
    const renLocation = memory.memory.list({ characterId: ren, userId }, 'all').filter((m) => m.subject === 'location')
    expect(renLocation.filter((m) => m.validTo === null).map((m) => m.text)).toEqual(['Alex lives in Osaka'])
    expect(renLocation.find((m) => m.text === 'Alex lives in Tokyo')).toMatchObject({
      sharedFrom: aiko,
      supersededBy: renLocation.find((m) => m.text === 'Alex lives in Osaka')!.id
    })
    expect((await memory.memory.recall(foodQuery)).block).toContain('ramen')
    // Aiko keeps hers as they were; sharing again copies nothing twice.
    expect(memory.memory.list({ characterId: aiko, userId }, 'current').filter((m) => m.kind !== 'message')).toEqual(
      aikoFacts
    )
    expect(
      await memory.memory.share(
        aikoFacts.map((m) => m.id),
        { characterId: ren, userId }
      )
    ).toEqual([])

    const turn = memory.memory.list({ characterId: aiko, userId }, 'all', ['message'])[0]!
    await expect(memory.memory.share([turn.id], { characterId: ren, userId })).rejects.toMatchObject({
      code: 'INVALID_INPUT'
    })
    await expect(memory.memory.share([aikoFacts[0]!.id], { characterId: aiko, userId })).rejects.toMatchObject({
      code: 'INVALID_INPUT'
    })
    await expect(memory.memory.share(['no-such-memory'], { characterId: ren, userId })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
  })

  it('survives closing and reopening, and rebuilds a corrupt index folder from SQLite', async () => {
    const dir = tempDir()
    const first = await open(dir)
    expect(first.memory.rebuilt?.reason).toBe('new')
    await say(first.memory, first.characters[0]!, first.userId, 'My birthday is 3 May.', 0)
    await first.memory.memory.close()
    first.db.close()
    opened.splice(0)

    const second = await open(dir)
    expect(second.memory.rebuilt).toBeNull()
    const again = await second.memory.memory.recall({
      characterId: second.characters[0]!,
      userId: second.userId,
      query: 'When is my birthday?',
      now: new Date(),
      tokenBudget: 200,
      header: 'M'
    })
    expect(again.block).toContain('3 May')
    await second.memory.memory.close()
    second.db.close()
    opened.splice(0)

    const indexDir = join(dir, 'memory-index')
    // An index written by an older format (or another embedding model) is refilled from SQLite on open.
    const metaFile = join(indexDir, 'index.json')
    writeFileSync(metaFile, readFileSync(metaFile, 'utf8').replace(/"version":\d+/, '"version":1'))
    const outdated = await open(dir)
    expect(outdated.memory.rebuilt).toMatchObject({ reason: 'outdated', count: 2 })
    await outdated.memory.memory.close()
    outdated.db.close()
    opened.splice(0)

    for (const entry of readdirSync(indexDir, { recursive: true }) as string[]) {
      const path = join(indexDir, entry)
      if (statSync(path).isFile() && /\.(lance|manifest|txn)$/.test(entry)) writeFileSync(path, 'garbage')
    }
    const third = await open(dir)
    expect(third.memory.rebuilt).toMatchObject({ reason: 'corrupt', count: 2 })
    expect(readdirSync(dir).some((name) => name.startsWith('memory-index.corrupt-'))).toBe(true)
    const rebuilt = await third.memory.memory.recall({
      characterId: third.characters[0]!,
      userId: third.userId,
      query: 'When is my birthday?',
      now: new Date(),
      tokenBudget: 200,
      header: 'M'
    })
    expect(rebuilt.block).toContain('3 May')
  })

  it('after a crash between a SQLite write and its index write, the next start indexes what is missing and drops what was deleted', async () => {
    const dir = tempDir()
    const reopen = async (session: Awaited<ReturnType<typeof open>>): Promise<Awaited<ReturnType<typeof open>>> => {
      await session.memory.memory.close()
      session.db.close()
      opened.splice(0)
      return open(dir)
    }
    const indexMatches = async (session: Awaited<ReturnType<typeof open>>): Promise<string[]> => {
      const ids = (await session.memory.index.ids()).sort()
      expect(ids).toEqual(session.memory.repository.ids().sort())
      return ids
    }
    const first = await open(dir)
    const characterId = first.characters[0]!
    for (const [day, text] of ['I live in Tokyo.', 'I have a cat named Mochi.', 'I work as a nurse.'].entries())
      await say(first.memory, characterId, first.userId, text, day)
    // Stored, then killed before it was indexed.
    const unindexed = first.memory.repository.insert({
      characterId,
      userId: first.userId,
      chatId: null,
      kind: 'fact',
      subject: 'pet',
      text: 'Alex has a parrot called Kiwi',
      importance: 0.6,
      validFrom: new Date().toISOString(),
      sourceMessageIds: []
    })
    const second = await reopen(first)
    expect(await indexMatches(second)).toContain(unindexed.id)
    const found = await second.memory.memory.search({ characterId, userId: second.userId }, 'parrot Kiwi')
    expect(found.map((m) => m.id)).toContain(unindexed.id)
    // Deleted from SQLite, then killed before the index heard of it.
    const deleted = second.memory.repository.all().find((m) => m.kind === 'message')!
    second.memory.repository.delete(deleted.id)
    const third = await reopen(second)
    expect(await indexMatches(third)).not.toContain(deleted.id)
  })

  it('an index whose refill was stopped (the app quit) is refilled at the next start, not taken as complete', async () => {
    const dir = tempDir()
    const first = await open(dir)
    await say(first.memory, first.characters[0]!, first.userId, 'I live in Tokyo.', 0)
    await first.memory.memory.close()
    opened.splice(0).forEach(({ db }) => db.close())
    rmSync(join(dir, 'memory-index'), { recursive: true })

    const db = openDatabase(join(dir, 'app.sqlite'))
    let refill: (() => Promise<number>) | null = null
    const stopped = await openMemoryService(db, join(dir, 'memory-index'), embedder, {
      refillInBackground: (job) => (refill = job)
    })
    expect(stopped.rebuilt).toMatchObject({ reason: 'new', count: 2, isInBackground: true })
    stopped.memory.stopRefill()
    expect(await refill!()).toBe(0)
    await stopped.memory.close()

    const again = await openMemoryService(db, join(dir, 'memory-index'), embedder)
    opened.push({ db, memory: again })
    expect(again.rebuilt).toMatchObject({ reason: 'new', count: 2, isInBackground: false })
    const recalled = await again.memory.recall({
      characterId: first.characters[0]!,
      userId: first.userId,
      query: 'Where do I live?',
      now: new Date(),
      tokenBudget: 300,
      header: 'M'
    })
    expect(recalled.used[0]?.text).toBe('Alex lives in Tokyo')
  })

  it('handles empty, 100 kB, emoji and right-to-left text without losing anything', async () => {
    const { memory, characters, userId } = await open(tempDir())
    const characterId = characters[0]!
    await say(memory, characterId, userId, '   ', 0)
    await say(memory, characterId, userId, 'x'.repeat(100_000), 1)
    await say(memory, characterId, userId, '🎉🎉 I love sushi 🍣', 2)
    await say(memory, characterId, userId, 'أنا أعيش في القاهرة', 3)
    const all = memory.memory.list({ characterId, userId })
    expect(all.filter((m) => m.kind === 'message')).toHaveLength(3)
    expect(all.every((m) => m.text.length <= 2100)).toBe(true)
    expect(all.some((m) => m.text === 'Alex loves sushi 🍣')).toBe(true)
    const recalled = await memory.memory.recall({
      characterId,
      userId,
      query: 'أين أعيش؟',
      now: new Date(),
      tokenBudget: 300,
      header: 'M'
    })
    expect(recalled.tokens).toBeLessThanOrEqual(300)
    expect(
      (await memory.memory.recall({ characterId, userId, query: '', now: new Date(), tokenBudget: 300, header: 'M' }))
        .used
    ).toEqual([])
  })
})
