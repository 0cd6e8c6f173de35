import { describe, expect, it } from 'vitest'
import { PNG_SIGNATURE, pngChunk } from '../../../../tests/helpers/pngFixtures'
import { appErrorOf } from '../../../../tests/helpers/appErrorOf'
import { isPng, readPngChunks, readPngText, writePngText } from './pngChunks'

const SIGNATURE = [...PNG_SIGNATURE]
const chunk = pngChunk

const text = (keyword: string, value: string): Buffer =>
  chunk('tEXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(value, 'latin1')]))

const png = (...chunks: Buffer[]): Buffer => Buffer.concat([Buffer.from(SIGNATURE), ...chunks])
const ihdr = chunk('IHDR', Buffer.alloc(13, 1))
const iend = chunk('IEND', Buffer.alloc(0))

describe('isPng', () => {
  it('checks the whole eight-byte signature', () => {
    expect(isPng(Uint8Array.from(SIGNATURE))).toBe(true)
    expect(isPng(Uint8Array.from(SIGNATURE.slice(0, 7)))).toBe(false)
    expect(isPng(Uint8Array.from([...SIGNATURE.slice(0, 7), 0]))).toBe(false)
    expect(isPng(Buffer.from('{"name":"A"}'))).toBe(false)
  })
})

describe('readPngChunks', () => {
  it('lists the chunks up to IEND with their types and data, ignoring bytes after it', () => {
    const chunks = readPngChunks(png(ihdr, text('k', 'v'), iend, Buffer.from('trailing garbage')))
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IEND'])
    expect(Buffer.from(chunks[1]!.data).toString('latin1')).toBe('k\0v')
    expect(chunks[2]!.data).toHaveLength(0)
  })

  it('refuses what is not a PNG, a bad checksum, a cut chunk and a missing end, each with its reason', () => {
    expect(appErrorOf(() => readPngChunks(Buffer.from('hello world!'))).message).toBe('This is not a PNG image.')
    const damaged = appErrorOf(() => readPngChunks(png(ihdr, chunk('tEXt', 'k\0v', 1), iend)))
    expect(damaged.code).toBe('CARD_INVALID')
    expect(damaged.message).toBe('The PNG file is damaged (bad checksum in its tEXt chunk).')
    const cut = png(ihdr, chunk('tEXt', 'k\0' + 'v'.repeat(100))).subarray(0, 8 + 25 + 40)
    expect(appErrorOf(() => readPngChunks(cut)).message).toBe('The PNG file is truncated.')
    expect(appErrorOf(() => readPngChunks(png(ihdr))).message).toBe('The PNG file is truncated (no end chunk).')
    expect(appErrorOf(() => readPngChunks(png(ihdr, Buffer.alloc(11)))).message).toBe(
      'The PNG file is truncated (no end chunk).'
    )
  })
})

describe('readPngText', () => {
  it('reads tEXt keywords and Latin-1 values, skipping other chunk types and keywordless entries', () => {
    const texts = readPngText(
      png(
        ihdr,
        text('chara', 'abc'),
        text('Comment', 'caf\u00e9'),
        chunk('iTXt', 'ccv3\0xyz'),
        chunk('tEXt', '\0no keyword'),
        chunk('tEXt', 'no separator'),
        iend
      )
    )
    expect([...texts.entries()]).toEqual([
      ['chara', 'abc'],
      ['Comment', 'caf\u00e9']
    ])
  })
})

describe('writePngText', () => {
  it('puts the entries just before IEND, replacing same-keyword tEXt and keeping everything else', () => {
    const before = png(ihdr, text('chara', 'old'), text('Comment', 'hi'), chunk('iTXt', 'chara\0intl'), iend)
    const after = writePngText(before, { chara: 'new', ccv3: 'v3' })
    const chunks = readPngChunks(after)
    expect(chunks.map((c) => `${c.type}:${Buffer.from(c.data).toString('latin1')}`)).toEqual([
      `IHDR:${Buffer.alloc(13, 1).toString('latin1')}`,
      'tEXt:Comment\0hi',
      'iTXt:chara\0intl',
      'tEXt:chara\0new',
      'tEXt:ccv3\0v3',
      'IEND:'
    ])
    expect(readPngText(after).get('chara')).toBe('new')
  })
})
