import { describe, expect, it } from 'vitest'
import { tinyPng } from '../../../../tests/helpers/pngFixtures'
import { appErrorOf } from '../../../../tests/helpers/appErrorOf'
import { decodeCard, draftFromJson, MAX_CARD_BYTES, parseJson } from './decodeCard'
import { writePngText } from './pngChunks'

const v2 = { spec: 'chara_card_v2', spec_version: '2.0', data: { name: 'Aiko', alternate_greetings: ['Hi!'] } }
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))
const base64 = (value: unknown): string => json(value).toString('base64')

describe('parseJson', () => {
  it('returns a JSON object and refuses anything else, keeping the parse error as the cause', () => {
    expect(parseJson('{"a":1}', 'file')).toEqual({ a: 1 })
    for (const text of ['[1]', 'null', '"x"', '3'])
      expect(appErrorOf(() => parseJson(text, 'file')).message, text).toBe("The card's file is not a JSON object.")
    const broken = appErrorOf(() => parseJson('{oops', 'data'))
    expect(broken.message).toBe("The card's data is not valid JSON.")
    expect(broken.cause).toBeInstanceOf(SyntaxError)
  })
})

describe('draftFromJson', () => {
  it('dispatches on spec: V2, V3 and the flat V1', () => {
    expect(draftFromJson(v2).spec).toBe('v2')
    expect(draftFromJson(v2).draft.alternateGreetings).toEqual(['Hi!'])
    expect(draftFromJson({ ...v2, spec: 'chara_card_v3' }).spec).toBe('v3')
    const v1 = draftFromJson({ name: 'Old', description: 'From V1' })
    expect(v1.spec).toBe('v1')
    expect(v1.draft.backstory).toBe('From V1')
  })

  it('refuses an unknown spec, a missing data section and a nameless card', () => {
    expect(appErrorOf(() => draftFromJson({ spec: 'chara_card_v4', data: {} })).message).toBe(
      'Unknown card format "chara_card_v4".'
    )
    expect(appErrorOf(() => draftFromJson({ spec: { v: 2 } })).message).toBe('Unknown card format {"v":2}.')
    expect(appErrorOf(() => draftFromJson({ spec: 'x'.repeat(200) })).message).toBe(
      `Unknown card format "${'x'.repeat(79)}.`
    )
    for (const data of [undefined, 'Aiko', null])
      expect(appErrorOf(() => draftFromJson({ spec: 'chara_card_v2', data })).message).toBe(
        'The card has no data section.'
      )
    expect(appErrorOf(() => draftFromJson({ spec: 'chara_card_v3', data: { name: ' ' } })).message).toBe(
      'The card has no character name.'
    )
  })
})

describe('decodeCard', () => {
  it('reads a JSON card, with a byte-order mark or leading blank lines', () => {
    expect(decodeCard('a.json', json(v2))).toMatchObject({ spec: 'v2', image: null, draft: { name: 'Aiko' } })
    expect(decodeCard('a.json', Buffer.from('\uFEFF' + JSON.stringify(v2))).draft.name).toBe('Aiko')
    expect(decodeCard('a.json', Buffer.from('\n  ' + JSON.stringify(v2))).draft.name).toBe('Aiko')
  })

  it('reads a PNG card, preferring ccv3 to chara, and returns the image', () => {
    const png = writePngText(tinyPng(), {
      chara: base64(v2),
      ccv3: base64({ spec: 'chara_card_v3', data: { name: 'Aiko V3' } })
    })
    const card = decodeCard('a.png', png)
    expect(card.spec).toBe('v3')
    expect(card.draft.name).toBe('Aiko V3')
    expect(card.image).toBe(png)
    expect(decodeCard('b.png', writePngText(tinyPng(), { chara: base64(v2) })).spec).toBe('v2')
  })

  it('reads base64 wrapped over lines and URL-safe, and refuses anything else inside a PNG', () => {
    const wrapped = base64(v2).replace(/(.{20})/g, '$1\n')
    expect(decodeCard('a.png', writePngText(tinyPng(), { chara: `  ${wrapped}  ` })).draft.name).toBe('Aiko')
    const urlSafe = base64({ ...v2, data: { name: 'Aiko?>>' } })
      .replaceAll('+', '-')
      .replaceAll('/', '_')
    expect(decodeCard('a.png', writePngText(tinyPng(), { chara: urlSafe })).draft.name).toBe('Aiko?>>')
    for (const chara of [`%${base64(v2)}`, `${base64(v2)}%`])
      expect(appErrorOf(() => decodeCard('a.png', writePngText(tinyPng(), { chara }))).message).toBe(
        'The card data inside this PNG is not valid base64.'
      )
  })

  it('refuses an empty file and one over the size limit, by name', () => {
    expect(appErrorOf(() => decodeCard('empty.json', new Uint8Array(0))).message).toBe('empty.json is empty.')
    const atLimit = Buffer.alloc(MAX_CARD_BYTES, 0x20)
    atLimit[0] = 0x7b
    expect(appErrorOf(() => decodeCard('big.json', atLimit)).message).toBe("The card's file is not valid JSON.")
    expect(appErrorOf(() => decodeCard('huge.json', Buffer.alloc(MAX_CARD_BYTES + 1))).message).toBe(
      'huge.json is too large for a character card (20 MB at most).'
    )
  })
})
