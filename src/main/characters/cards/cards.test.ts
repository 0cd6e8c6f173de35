import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { sharedDir } from '../../../../tests/helpers/sharedPaths'
import { starterCharacter } from '../starterCharacter'
import { renderDefaultAvatarPng } from '../avatar/renderDefaultAvatar'
import { decodeCard } from './decodeCard'
import { encodeCard, type CardFormat } from './encodeCard'
import { readPngText, writePngText } from './pngChunks'

const cardsDir = join(sharedDir, 'data', 'character-cards', 'cards')
const read = (name: string): Uint8Array => readFileSync(join(cardsDir, name))

describe('Character Card import', () => {
  it('imports every example card, PNG and JSON, with fields where they belong', () => {
    const files = readdirSync(cardsDir)
    expect(files.length).toBeGreaterThanOrEqual(9)
    for (const file of files) {
      const { draft } = decodeCard(file, read(file))
      const sidecar = JSON.parse(readFileSync(join(cardsDir, file.replace(/\.png$/, '.chara.json')), 'utf8')) as Record<
        string,
        unknown
      >
      const data = (sidecar.data ?? sidecar) as Record<string, unknown>
      expect(draft.name, file).toBe(data.name)
      expect(draft.firstMessage, file).toBe(String(data.first_mes).replace(/\r\n/g, '\n'))
      expect(draft.backstory.length, file).toBeGreaterThan(0)
    }
  })

  it("keeps Seraphina's embedded lorebook and SillyTavern's extension keys", () => {
    const { draft, spec, image } = decodeCard('Seraphina.v2.png', read('Seraphina.v2.png'))
    expect(spec).toBe('v2')
    expect(image).not.toBeNull()
    expect(draft.lorebook?.entries).toHaveLength(4)
    expect(draft.lorebook?.entries.every((e) => e.keys.length > 0 && e.content.length > 0)).toBe(true)
    expect(Object.keys(draft.cardExtensions)).toEqual(expect.arrayContaining(['talkativeness', 'world']))
    expect(decodeCard('Seraphina.v2+v3.png', read('Seraphina.v2+v3.png')).spec).toBe('v3')
  })

  it('round-trips our profile losslessly through every format and keeps foreign extensions', async () => {
    const seraphina = decodeCard('Seraphina.v2.png', read('Seraphina.v2.png')).draft
    const ours = {
      ...starterCharacter(),
      lorebook: seraphina.lorebook,
      cardExtensions: seraphina.cardExtensions,
      loras: [{ path: '/x/friendly.gguf', scale: 0.5 }]
    }
    const avatar = await renderDefaultAvatarPng(ours)
    for (const format of ['png-v2', 'png-v3', 'json-v2', 'json-v3'] satisfies CardFormat[]) {
      const exported = encodeCard(ours, format, avatar)
      const back = decodeCard(exported.fileName, exported.bytes).draft
      expect(back, format).toEqual({ ...ours, avatarFile: null, expressions: {} })
      if (format.startsWith('png')) {
        const meta = await sharp(exported.bytes).metadata()
        expect(meta.format).toBe('png')
        const chunks = readPngText(exported.bytes)
        expect(chunks.has('chara')).toBe(true)
        expect(chunks.has('ccv3')).toBe(format === 'png-v3')
        const v2 = JSON.parse(Buffer.from(chunks.get('chara')!, 'base64').toString('utf8')) as {
          spec: string
          data: { description: string; personality: string; extensions: Record<string, unknown> }
        }
        expect(v2.spec).toBe('chara_card_v2')
        expect(v2.data.description).toContain(ours.appearance)
        expect(v2.data.personality).toContain('warm')
        expect(v2.data.extensions.talkativeness).toBe(seraphina.cardExtensions.talkativeness)
      }
    }
  })

  it('refuses bad cards with clear typed errors', () => {
    const noCard = readFileSync(join(sharedDir, 'data', 'character-cards', 'no-card', 'user-default.png'))
    const cases: [string, Uint8Array, RegExp][] = [
      ['user-default.png', noCard, /no character card inside/],
      ['bad.png', writePngText(noCard, { chara: '%%% not base64 %%%' }), /not valid base64/],
      ['bad-json.png', writePngText(noCard, { chara: Buffer.from('{oops').toString('base64') }), /not valid JSON/],
      [
        'nameless.json',
        Buffer.from(JSON.stringify({ spec: 'chara_card_v2', data: { description: 'x' } })),
        /no character name/
      ],
      ['truncated.png', noCard.subarray(0, 5000), /truncated/],
      ['huge.png', new Uint8Array(50 * 1024 * 1024), /too large/],
      ['notes.txt', Buffer.from('hello'), /neither a PNG card nor a JSON card/]
    ]
    for (const [name, bytes, message] of cases) {
      const error = (() => {
        try {
          decodeCard(name, bytes)
        } catch (e) {
          return e
        }
        return null
      })()
      expect(error, name).toBeInstanceOf(AppError)
      expect((error as AppError).code, name).toBe('CARD_INVALID')
      expect((error as AppError).message, name).toMatch(message)
    }
  })
})
