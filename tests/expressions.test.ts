import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

const picture = (colour: string): Promise<Buffer> =>
  sharp({ create: { width: 300, height: 600, channels: 3, background: colour } })
    .png()
    .toBuffer()

describe('expression images', () => {
  const tempDir = useTempDir()

  it('imports a SillyTavern-style pack by file name and shows the sprite for the current emotion', async () => {
    const core = await createTestCore(tempDir())
    try {
      const aiko = core.characters.list(core.userId)[0]!
      const { character, skipped } = await core.characterService.importExpressions(aiko.id, [
        { fileName: 'joy.png', bytes: await picture('#ffcc00') },
        { fileName: 'admiration.png', bytes: await picture('#00ccff') },
        { fileName: 'notes.png', bytes: await picture('#000000') }
      ])
      expect(Object.keys(character.expressions).sort()).toEqual(['admiration', 'joy'])
      expect(skipped).toEqual(['notes.png'])
      const plain = await core.characterService.avatarDataUrl(aiko.id)
      const joy = await core.characterService.avatarDataUrl(aiko.id, { label: 'joy', fineLabel: 'excitement' })
      const admiring = await core.characterService.avatarDataUrl(aiko.id, { label: 'joy', fineLabel: 'admiration' })
      expect(joy).not.toBe(plain)
      expect(admiring).not.toBe(joy)
      expect(await core.characterService.avatarDataUrl(aiko.id, { label: 'anger', fineLabel: 'anger' })).toBe(plain)
      const sprite = Buffer.from(joy.split(',')[1]!, 'base64')
      expect(await sharp(sprite).metadata()).toMatchObject({ width: 300, height: 600 })
      const removed = await core.characterService.setExpression(aiko.id, 'joy', null)
      expect(Object.keys(removed.expressions)).toEqual(['admiration'])
    } finally {
      await core.dispose()
    }
  })
})
