import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { sharedDir } from '../../../../tests/helpers/sharedPaths'
import { processAvatarUpload } from './processAvatarUpload'
import { buildImagePrompt } from './buildImagePrompt'
import { coloursFromAppearance, renderDefaultAvatarPng, renderDefaultAvatarSvg } from './renderDefaultAvatar'

describe('avatars', () => {
  it('crops PNG, JPEG and WebP uploads to a 512 px square PNG', async () => {
    const wide = await sharp({ create: { width: 900, height: 300, channels: 3, background: '#ff0088' } })
      .jpeg()
      .toBuffer()
    const webp = await sharp({ create: { width: 200, height: 640, channels: 4, background: '#00ff88' } })
      .webp()
      .toBuffer()
    const png = readFileSync(join(sharedDir, 'data', 'character-cards', 'no-card', 'user-default.png'))
    for (const input of [wide, webp, png]) {
      const meta = await sharp(await processAvatarUpload(input)).metadata()
      expect(meta).toMatchObject({ format: 'png', width: 512, height: 512 })
    }
  })

  it('refuses non-images, huge files and damaged images with IMAGE_INVALID', async () => {
    const png = readFileSync(join(sharedDir, 'data', 'character-cards', 'no-card', 'user-default.png'))
    const cases = [
      Buffer.from('just some text'),
      new Uint8Array(50 * 1024 * 1024),
      png.subarray(0, 2000),
      new Uint8Array(0)
    ]
    for (const bytes of cases) {
      const error = await processAvatarUpload(bytes).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('IMAGE_INVALID')
    }
  })

  it('draws a deterministic default avatar with colours from the appearance', async () => {
    expect(coloursFromAppearance('Long silver hair and bright green eyes')).toEqual({ hair: 'c0c0c8', eyes: '2e9e4f' })
    const a = renderDefaultAvatarSvg({ name: 'Nyx', appearance: 'silver hair' })
    expect(a).toBe(renderDefaultAvatarSvg({ name: 'Nyx', appearance: 'silver hair' }))
    expect(a).not.toBe(renderDefaultAvatarSvg({ name: 'Aiko', appearance: 'silver hair' }))
    expect(a).toContain('c0c0c8')
    expect((await sharp(await renderDefaultAvatarPng({ name: 'Nyx', appearance: '' })).metadata()).width).toBe(512)
  })

  it('writes booru-style image tags from the appearance', () => {
    const { prompt, negativePrompt } = buildImagePrompt({
      name: 'Nyx',
      species: 'elf',
      appearance: 'Long silver hair, green eyes and a black hoodie'
    })
    expect(prompt).toContain('long silver hair')
    expect(prompt).toContain('green eyes')
    expect(prompt).toContain('pointy ears')
    expect(prompt).toContain('hoodie')
    expect(negativePrompt).toContain('lowres')
  })
})
