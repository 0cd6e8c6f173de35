import { describe, expect, it } from 'vitest'
import { tinyPng } from '../../../../tests/helpers/pngFixtures'
import { blankCharacterDraft, type CharacterDraft } from '../../../shared/domain'
import { cardDataFromDraft } from './cardMapping'
import { encodeCard, fileNameFor } from './encodeCard'
import { readPngChunks, readPngText } from './pngChunks'

const draft: CharacterDraft = {
  ...blankCharacterDraft(),
  name: 'Aiko',
  firstMessage: 'Welcome!',
  alternateGreetings: ['Back again?', 'Oh, hi!']
}
const fromBase64 = (text: string): unknown => JSON.parse(Buffer.from(text, 'base64').toString('utf8'))

describe('fileNameFor', () => {
  it('keeps letters, digits, spaces as underscores, dashes; falls back to "character"', () => {
    expect(fileNameFor('Aiko', 'png')).toBe('Aiko.png')
    expect(fileNameFor('  Dr. Jekyll & Hyde!  ', 'json')).toBe('Dr_Jekyll_Hyde.json')
    expect(fileNameFor('Ái-chan_2', 'png')).toBe('Ái-chan_2.png')
    expect(fileNameFor('../../etc/passwd', 'png')).toBe('etcpasswd.png')
    expect(fileNameFor(' ?!* ', 'json')).toBe('character.json')
  })
})

describe('encodeCard', () => {
  const data = cardDataFromDraft(draft)

  it('writes JSON V2 as SillyTavern does: spec, version and the data, indented', () => {
    const { fileName, bytes } = encodeCard(draft, 'json-v2', tinyPng())
    expect(fileName).toBe('Aiko.json')
    const text = Buffer.from(bytes).toString('utf8')
    expect(JSON.parse(text)).toEqual({ spec: 'chara_card_v2', spec_version: '2.0', data })
    expect(text).toContain('\n  "spec": "chara_card_v2"')
    expect((JSON.parse(text) as { data: { alternate_greetings: string[] } }).data.alternate_greetings).toEqual([
      'Back again?',
      'Oh, hi!'
    ])
  })

  it('writes JSON V3 with the group-only greetings V3 requires', () => {
    const { fileName, bytes } = encodeCard(draft, 'json-v3', tinyPng())
    expect(fileName).toBe('Aiko.json')
    expect(JSON.parse(Buffer.from(bytes).toString('utf8'))).toEqual({
      spec: 'chara_card_v3',
      spec_version: '3.0',
      data: { ...data, group_only_greetings: [] }
    })
    const withGroup = { ...draft, cardExtensions: { __cardData: { group_only_greetings: ['Hi all'] } } }
    const v3 = JSON.parse(Buffer.from(encodeCard(withGroup, 'json-v3', tinyPng()).bytes).toString('utf8')) as {
      data: { group_only_greetings: string[] }
    }
    expect(v3.data.group_only_greetings).toEqual(['Hi all'])
  })

  it('writes a PNG V2 with one chara chunk and a PNG V3 with ccv3 plus the V2 back-fill', () => {
    const v2 = encodeCard(draft, 'png-v2', tinyPng())
    expect(v2.fileName).toBe('Aiko.png')
    expect(readPngChunks(v2.bytes).map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IEND'])
    expect(fromBase64(readPngText(v2.bytes).get('chara')!)).toEqual({
      spec: 'chara_card_v2',
      spec_version: '2.0',
      data
    })
    const v3 = encodeCard(draft, 'png-v3', tinyPng())
    expect(v3.fileName).toBe('Aiko.png')
    const texts = readPngText(v3.bytes)
    expect([...texts.keys()]).toEqual(['chara', 'ccv3'])
    expect(fromBase64(texts.get('chara')!)).toEqual({ spec: 'chara_card_v2', spec_version: '2.0', data })
    expect(fromBase64(texts.get('ccv3')!)).toEqual({
      spec: 'chara_card_v3',
      spec_version: '3.0',
      data: { ...data, group_only_greetings: [] }
    })
  })
})
