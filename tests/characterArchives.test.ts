import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { toDraft } from '../src/main/db/repositories/CharacterRepository'
import { readZip } from '../src/main/util/zip/readZip'
import type { Character } from '../src/shared/domain'
import { AppError } from '../src/shared/errors'
import { jpeg, picture, v3Card, zip } from './helpers/charxFixtures'
import { sharedDir } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

const byafSample = join(sharedDir, 'data', 'interop', 'byaf', 'ahoylabs-test-v1-1.byaf')

async function richCharx(): Promise<{ bytes: Uint8Array; audio: Uint8Array; background: Uint8Array }> {
  const audio = randomBytes(5000)
  const background = await jpeg('#123456')
  const card = v3Card('Mira', [
    { type: 'icon', uri: 'embeded://assets/icon/images/main.png', name: 'main', ext: 'png' },
    { type: 'emotion', uri: 'embeded://assets/emotion/images/happy.png', name: 'Happy', ext: 'png' },
    { type: 'emotion', uri: 'embedded://assets/emotion/images/admiration.png', name: 'admiration', ext: 'png' },
    { type: 'emotion', uri: 'embeded://assets/emotion/images/smirk.png', name: 'smirk', ext: 'png' },
    { type: 'background', uri: 'embeded://assets/background/images/sea.jpg', name: 'main', ext: 'jpg' },
    { type: 'x_risu_audio', uri: 'embeded://assets/other/audio/theme.mp3', name: 'theme', ext: 'mp3' },
    { type: 'other', uri: 'https://example.org/map.png', name: 'map', ext: 'png' }
  ])
  const bytes = zip({
    'card.json': card,
    'assets/icon/images/main.png': await picture('#ff0000'),
    'assets/emotion/images/happy.png': await picture('#ffcc00', 300, 600),
    'assets/emotion/images/admiration.png': await picture('#00ccff', 300, 600),
    'assets/emotion/images/smirk.png': await picture('#00ff00', 300, 600),
    'assets/background/images/sea.jpg': background,
    'assets/other/audio/theme.mp3': audio,
    'x_meta/unreferenced.json': '{}'
  })
  return { bytes, audio, background }
}

const pixels = async (png: Uint8Array): Promise<Buffer> => sharp(png).raw().toBuffer()

describe('character archives: CHARX and Backyard', () => {
  const tempDir = useTempDir()
  let core: Core
  let dataDir: string
  beforeEach(async () => {
    dataDir = tempDir()
    core = await createTestCore(dataDir)
  })
  afterEach(async () => {
    await core.dispose()
  })
  const avatarsDir = (): string => join(dataDir, 'avatars')
  const storedFiles = (): string[] => (existsSync(avatarsDir()) ? readdirSync(avatarsDir()).sort() : [])
  const file = (name: string | null): Buffer => readFileSync(join(avatarsDir(), name!))

  it('imports a CHARX: main icon as avatar, emotion images as expressions, other assets kept, links kept', async () => {
    const { bytes, audio, background } = await richCharx()
    const mira = await core.characterService.importCard('Mira.charx', bytes)
    expect(mira.name).toBe('Mira')
    expect(mira.backstory).toContain('lighthouse keeper')
    expect(await sharp(file(mira.avatarFile)).metadata()).toMatchObject({ width: 512, height: 512 })
    expect((await sharp(file(mira.avatarFile)).stats()).channels[0]!.mean).toBeGreaterThan(250)
    expect(Object.keys(mira.expressions).sort()).toEqual(['admiration', 'joy'])
    const joy = await core.characterService.avatarDataUrl(mira.id, { label: 'joy', fineLabel: 'joy' })
    expect(await sharp(Buffer.from(joy.split(',')[1]!, 'base64')).metadata()).toMatchObject({ width: 300 })
    const byName = new Map(mira.assets.map((a) => [a.name, a]))
    expect([...byName.keys()].sort()).toEqual(['main', 'map', 'smirk', 'theme'])
    expect(file(byName.get('theme')!.file)).toEqual(Buffer.from(audio))
    expect(file(byName.get('main')!.file)).toEqual(background)
    expect(byName.get('main')!.type).toBe('background')
    expect(byName.get('map')).toMatchObject({ file: null, uri: 'https://example.org/map.png' })
    expect(mira.cardExtensions.__cardData).toBeUndefined()
  })

  it('exports a character as CHARX and imports it back as the same character', async () => {
    const first = await core.characterService.importCard('Mira.charx', (await richCharx()).bytes)
    const withLore = core.characters.update(first.id, {
      lorebook: { ...blankLore(), entries: [loreEntry('lamp', 'The lamp never goes out.')] },
      traits: ['calm', 'wry']
    })
    const exported = await core.characterService.exportCard(withLore.id, 'charx')
    expect(exported.fileName).toBe('Mira.charx')
    const entries = readZip(exported.bytes, {
      what: 'x',
      code: 'CARD_INVALID',
      limits: { maxArchiveBytes: 1e9, maxEntries: 100, maxEntryBytes: 1e9, maxTotalBytes: 1e9, maxRatio: 1e6 }
    })
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['card.json', 'assets/icon/images/main.png']))
    const back = await core.characterService.importCard(exported.fileName, exported.bytes)
    expect(comparable(back)).toEqual(comparable(withLore))
    expect((await pixels(file(back.avatarFile))).equals(await pixels(file(withLore.avatarFile)))).toBe(true)
    for (const label of ['joy', 'admiration'])
      expect(
        (await pixels(file(back.expressions[label]!))).equals(await pixels(file(withLore.expressions[label]!)))
      ).toBe(true)
    for (const [i, asset] of withLore.assets.entries())
      if (asset.file) expect(file(back.assets[i]!.file).equals(file(asset.file))).toBe(true)
  })

  it('imports the Backyard archive: persona, lore as a lorebook, avatar, scenario, and its chat', async () => {
    const before = core.characters.count(core.userId)
    const bot = await core.characterService.importCard('ahoylabs-test-v1-1.byaf', readFileSync(byafSample))
    expect(core.characters.count(core.userId)).toBe(before + 1)
    expect(bot.name).toBe('Test Bot')
    expect(bot.backstory).toBe('A test character')
    expect(bot.scenario).toBe('A test scenario')
    expect(bot.systemPrompt).toBe('You are a test bot')
    expect(bot.firstMessage).toBe('Hello, I am a test bot!')
    const [lore] = core.lorebooks.list()
    expect(lore?.attachments).toEqual([{ kind: 'character', characterId: bot.id }])
    expect(core.lorebooks.get(lore!.id).entries.map((e) => [e.keys, e.content])).toEqual([[['test'], 'value']])
    expect(await sharp(file(bot.avatarFile)).metadata()).toMatchObject({ format: 'png', width: 512 })
    const chats = core.chats.listByCharacter(bot.id)
    expect(chats).toHaveLength(1)
    expect(chats[0]!.title).toBe('Test Scenario')
    const messages = core.messages.list(chats[0]!.id)
    expect(messages).toHaveLength(101)
    expect(messages[0]).toMatchObject({ role: 'assistant', content: 'Hello, I am a test bot!' })
    expect(messages.slice(1).every((m) => m.role === 'user' && m.content === 'Hello, I am a test human!')).toBe(true)
    expect(messages[1]!.createdAt).toBe('2025-06-12T19:03:56.873Z')
    // The scenario's sampling and prompt template have no per-chat setting here: kept with the chat and the card.
    const settings = {
      promptTemplate: null,
      grammar: null,
      temperature: 0.7,
      topK: 40,
      topP: 0.9,
      minP: 0.1,
      minPEnabled: true,
      repeatPenalty: 1.1,
      repeatLastN: 128,
      canDeleteExampleMessages: true
    }
    expect(core.chats.metadata(chats[0]!.id)).toMatchObject({ source: 'backyard', backyard: settings })
    expect(bot.cardExtensions.backyard).toMatchObject({ modelSettings: settings })
  })

  it('imports Backyard AI turns with every output as a swipe, the active one shown, and example messages', async () => {
    const bytes = byaf({
      messages: [
        { type: 'human', createdAt: '2025-01-01T10:00:00Z', updatedAt: '2025-01-01T10:00:00Z', text: 'Hi {character}' },
        {
          type: 'ai',
          outputs: [
            {
              createdAt: '2025-01-01T10:00:05Z',
              updatedAt: 'x',
              text: 'First try',
              activeTimestamp: '2025-01-01T10:00:05Z'
            },
            {
              createdAt: '2025-01-01T10:01:00Z',
              updatedAt: 'x',
              text: 'Chosen',
              activeTimestamp: '2025-01-01T10:02:00Z'
            },
            {
              createdAt: '2025-01-01T10:01:30Z',
              updatedAt: 'x',
              text: 'Third',
              activeTimestamp: '2025-01-01T10:01:30Z'
            }
          ]
        }
      ],
      exampleMessages: [{ characterID: 'c1', text: 'I keep the light, {user}.' }]
    })
    const ren = await core.characterService.importCard('ren.byaf', bytes)
    expect(ren.exampleDialogue).toBe('<START>\n{{char}}: I keep the light, {{user}}.')
    expect(ren.firstMessage).toBe('Welcome, {{user}}.')
    const [chat] = core.chats.listByCharacter(ren.id)
    const messages = core.messages.list(chat!.id)
    expect(messages.map((m) => m.role)).toEqual(['assistant', 'user', 'assistant'])
    expect(messages[0]!.content).toBe('Welcome, User.')
    expect(messages[2]).toMatchObject({ swipes: ['First try', 'Chosen', 'Third'], swipeIndex: 1, content: 'Chosen' })
    expect(Object.keys(ren.expressions)).toEqual(['joy'])
    const withBackground = await core.characterService.importCard(
      'ren2.byaf',
      byaf({ backgroundImage: 'characters/c1/images/portrait.png' })
    )
    expect(withBackground.assets).toEqual([expect.objectContaining({ type: 'background', name: 'Storm', ext: 'png' })])
  })

  it('refuses bad archives with CARD_INVALID and stores nothing: traversal, bombs, oversize, missing files', async () => {
    const card = v3Card('Bad', [
      { type: 'icon', uri: 'embeded://assets/icon/images/main.png', name: 'main', ext: 'png' }
    ])
    const icon = await picture('#ff0000')
    const cases: [string, Uint8Array, RegExp][] = [
      ['dotdot.charx', zip({ 'card.json': card, '../evil.png': icon }), /unsafe name/],
      ['nested.charx', zip({ 'card.json': card, 'assets/../../evil.png': icon }), /unsafe name/],
      ['absolute.charx', zip({ 'card.json': card, '/etc/evil.png': icon }), /unsafe name/],
      ['backslash.charx', zip({ 'card.json': card, 'assets\\..\\evil.png': icon }), /unsafe name/],
      ['bomb.charx', zip({ 'card.json': card, 'assets/zeros.bin': new Uint8Array(20 * 1024 * 1024) }), /zip bomb/],
      ['huge.charx', zip({ 'card.json': card, 'assets/big.bin': new Uint8Array(60 * 1024 * 1024) }), /too large/],
      ['liar.charx', lyingCharx(card), /zip bomb/],
      [
        'oversized.charx',
        zipSync({
          'card.json': Buffer.from(JSON.stringify(card)),
          'x.bin': [randomBytes(51 * 1024 * 1024), { level: 0 }]
        }),
        /too large/
      ],
      ['missing.charx', zip({ 'card.json': card }), /not in the archive/],
      ['nocard.charx', zip({ 'readme.txt': 'hi' }), /neither a CHARX/],
      [
        'truncated.charx',
        zip({ 'card.json': card, 'assets/icon/images/main.png': icon }).subarray(0, 400),
        /not a zip|damaged/
      ],
      ['noimage.byaf', byaf({ images: [{ path: 'images/gone.png', label: 'avatar' }] }), /not in the archive/],
      ['noscenario.byaf', byaf({ scenarioPath: 'scenarios/missing.json' }), /not in the archive/],
      ['nobackground.byaf', byaf({ backgroundImage: 'scenarios/scenario1-background.png' }), /not in the archive/],
      [
        'crowded.charx',
        zip(
          Object.fromEntries<string | object>([
            ['card.json', card],
            ...Array.from({ length: 2001 }, (_, i): [string, string] => [`x/${i}.txt`, 'x'])
          ])
        ),
        /too many files/
      ],
      ['nomanifest.byaf', zip({ 'characters/c1/character.json': {} }), /no manifest/]
    ]
    const characters = core.characters.count(core.userId)
    const files = storedFiles()
    for (const [name, bytes, message] of cases) {
      const error = await core.characterService.importCard(name, bytes).then(
        () => null,
        (e: unknown) => e
      )
      expect(error, name).toBeInstanceOf(AppError)
      expect((error as AppError).code, name).toBe('CARD_INVALID')
      expect((error as AppError).message, name).toMatch(message)
    }
    expect(core.characters.count(core.userId)).toBe(characters)
    expect(core.lorebooks.list()).toEqual([])
    expect(storedFiles()).toEqual(files)
    // The app keeps working: a good archive still imports.
    expect((await core.characterService.importCard('Mira.charx', (await richCharx()).bytes)).name).toBe('Mira')
  })

  it('removes the files it wrote when storing the rows fails half-way (a Backyard lore too large to store)', async () => {
    const loreItems = Array.from({ length: 10_001 }, (_, i) => ({ key: `k${i}`, value: 'v' }))
    const characters = core.characters.count(core.userId)
    const error = await core.characterService.importCard('huge-lore.byaf', byaf({ loreItems })).then(
      () => null,
      (e: unknown) => e
    )
    expect((error as AppError).code).toBe('LOREBOOK_TOO_LARGE')
    expect(core.characters.count(core.userId)).toBe(characters)
    expect(core.lorebooks.list()).toEqual([])
    // The avatar and the expression were written before the rows; they are gone again.
    expect(storedFiles()).toEqual([])
  })
})

function blankLore(): NonNullable<Character['lorebook']> {
  return {
    name: 'Sea',
    description: '',
    scanDepth: null,
    tokenBudget: null,
    isRecursive: false,
    entries: [],
    extra: {}
  }
}

function loreEntry(key: string, content: string): NonNullable<Character['lorebook']>['entries'][number] {
  return {
    keys: [key],
    secondaryKeys: [],
    content,
    comment: '',
    isEnabled: true,
    isConstant: false,
    isSelective: false,
    insertionOrder: 100,
    caseSensitive: false,
    extra: {}
  }
}

/** A character's profile without its file names (new ones are made on import). */
function comparable(character: Character): object {
  const draft = toDraft(character)
  return {
    ...draft,
    avatarFile: draft.avatarFile ? 'file' : null,
    expressions: Object.keys(draft.expressions).sort(),
    assets: draft.assets.map((a) => ({ ...a, file: a.file ? 'file' : null }))
  }
}

/** A CHARX whose main icon entry declares 100 KB but inflates to 8 MB: only the actual output gives it away. */
function lyingCharx(card: object): Uint8Array {
  const bytes = zip({ 'card.json': card, 'assets/icon/images/main.png': new Uint8Array(8 * 1024 * 1024) })
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const signature = view.getUint32(at, true)
    if (signature === 0x04034b50 && view.getUint32(at + 22, true) === 8 * 1024 * 1024)
      view.setUint32(at + 22, 100_000, true)
    if (signature === 0x02014b50 && view.getUint32(at + 24, true) === 8 * 1024 * 1024)
      view.setUint32(at + 24, 100_000, true)
  }
  return bytes
}

interface ByafOptions {
  messages?: object[]
  exampleMessages?: object[]
  images?: { path: string; label: string }[]
  scenarioPath?: string
  loreItems?: { key: string; value: string }[]
  backgroundImage?: string
}

/** A Backyard archive as Backyard's own library lays it out, built here (the sample stays in /work/shared). */
function byaf(options: ByafOptions): Uint8Array {
  const images = options.images ?? [
    { path: 'images/portrait.png', label: 'Portrait' },
    { path: 'images/happy.png', label: 'Happy' }
  ]
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
    'base64'
  )
  return zip({
    'manifest.json': {
      schemaVersion: 1,
      createdAt: '2025-01-01T00:00:00Z',
      characters: ['characters/c1/character.json'],
      scenarios: [options.scenarioPath ?? 'scenarios/scenario1.json']
    },
    'characters/c1/character.json': {
      schemaVersion: 1,
      id: 'c1',
      name: 'ren',
      displayName: 'Ren',
      isNSFW: false,
      persona: 'Keeper of {character} lighthouse.',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
      loreItems: options.loreItems ?? [{ key: 'lamp, light', value: 'The lamp never goes out.' }],
      images
    },
    'characters/c1/images/portrait.png': png,
    'characters/c1/images/happy.png': png,
    'scenarios/scenario1.json': {
      schemaVersion: 1,
      title: 'Storm',
      formattingInstructions: '',
      minP: 0.1,
      minPEnabled: true,
      temperature: 0.7,
      repeatPenalty: 1.1,
      repeatLastN: 64,
      topK: 40,
      topP: 0.9,
      exampleMessages: options.exampleMessages ?? [],
      canDeleteExampleMessages: true,
      firstMessages: [{ characterID: 'c1', text: 'Welcome, {user}.' }],
      narrative: 'A storm.',
      ...(options.backgroundImage ? { backgroundImage: options.backgroundImage } : {}),
      promptTemplate: null,
      grammar: null,
      messages: options.messages ?? [
        { type: 'human', createdAt: '2025-01-01T10:00:00Z', updatedAt: '2025-01-01T10:00:00Z', text: 'Hello' }
      ]
    }
  })
}
