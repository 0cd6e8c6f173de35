import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Core } from '../core'
import { sharedDir } from '../../../tests/helpers/sharedPaths'
import { starterCharacter } from './starterCharacter'
import { encodeCard } from './cards/encodeCard'
import { useTestCore } from '../../../tests/helpers/useTestCore'

const cardsDir = join(sharedDir, 'data', 'character-cards', 'cards')

function jsonCard(data: Record<string, unknown>): Uint8Array {
  return Buffer.from(JSON.stringify({ spec: 'chara_card_v2', spec_version: '2.0', data }))
}

/** Written as text: JSON.stringify itself overflows the stack on such a value. */
function nestedCard(depth: number): Uint8Array {
  const deep = `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`
  return Buffer.from(
    `{"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"Deep","extensions":{"other":${deep}}}}`
  )
}

describe('imported cards are validated with the same schema as edits (issue 13, finding 12)', () => {
  let core: Core
  useTestCore((created) => (core = created))

  const refuses = async (fileName: string, bytes: Uint8Array, why: RegExp): Promise<void> => {
    const before = core.characters.count(core.userId)
    const error = await core.characterService.importCard(fileName, bytes).catch((e: unknown) => e)
    expect(error, fileName).toMatchObject({ code: 'CARD_INVALID' })
    expect((error as Error).message, fileName).toMatch(why)
    expect(core.characters.count(core.userId), fileName).toBe(before)
  }

  it('refuses our own profile extension with wrong types, storing nothing', async () => {
    const card = jsonCard({
      name: 'Broken',
      first_mes: 'Hi',
      extensions: {
        'ai-anime': { version: 1, profile: { traits: 'not a list', sliders: 'loud', loras: [{ path: 3 }] } }
      }
    })
    await refuses('broken.json', card, /traits/)
    const png = encodeCard(
      { ...starterCharacter(), sliders: 'loud' as never, name: 'Broken too' },
      'png-v3',
      readFileSync(join(cardsDir, 'Seraphina.v2.png'))
    )
    await refuses(png.fileName, png.bytes, /sliders/)
  })

  it('refuses a lorebook over the 5,000-entry cap the editor enforces', async () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ keys: [`k${i}`], content: 'x', enabled: true }))
    await refuses('huge-lore.json', jsonCard({ name: 'Lore', character_book: { entries } }), /lorebook/)
  })

  it('refuses extensions nested thousands deep, with a typed error instead of a stack overflow', async () => {
    await refuses('deep.json', nestedCard(5000), /nested/i)
  })

  it('still imports every shared example card, and exports it again', async () => {
    for (const file of readdirSync(cardsDir).filter((f) => !f.endsWith('.chara.json'))) {
      const character = await core.characterService.importCard(file, readFileSync(join(cardsDir, file)))
      const exported = await core.characterService.exportCard(character.id, 'json-v3')
      expect(exported.bytes.length, file).toBeGreaterThan(0)
    }
  })
})
