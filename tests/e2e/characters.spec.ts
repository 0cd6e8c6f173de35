import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { useBrowserApp } from '../helpers/useBrowserApp'
import { join } from 'node:path'
import sharp from 'sharp'
import { sharedDir, storiesModel } from '../helpers/sharedPaths'

describe('browser mode: create a character from a prompt', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1280, height: 900 },
    prepare: async (app) => {
      await app.core.runtime.load({ path: storiesModel })
    }
  })

  it('generates a profile into the form, takes an edit, saves, and lists it in the gallery', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('nav-characters').click()
    await page.getByTestId('new-character').click()
    await page.getByTestId('concept').fill('rebellious elf hacker')
    await page.getByTestId('slider-sarcasm').fill('95')
    await page.getByTestId('generate').click()
    await expect
      .poll(async () => (await page.getByTestId('field-backstory').inputValue()).length, { timeout: 60_000 })
      .toBeGreaterThan(0)
    await page.getByTestId('generate').waitFor()
    await screenshot(page, 'character-generated')
    await page.getByTestId('field-name').fill('Nyx Thornwood')
    await page.getByTestId('avatar-upload').setInputFiles({
      name: 'nyx.jpg',
      mimeType: 'image/jpeg',
      buffer: await sharp({ create: { width: 640, height: 400, channels: 3, background: '#7744ff' } })
        .jpeg()
        .toBuffer()
    })
    await page.getByTestId('character-lora-path').fill('/adapters/sarcastic.lora.gguf')
    await page.getByTestId('save-character').click()
    await page.getByTestId('gallery').getByText('Nyx Thornwood').waitFor()
    const saved = app.core.characters.list(app.core.userId).find((c) => c.name === 'Nyx Thornwood')!
    expect(saved.sliders.sarcasm).toBe(95)
    expect(saved.backstory.length).toBeGreaterThan(0)
    expect(saved.avatarFile).toMatch(/\.png$/)
    expect(saved.loras).toEqual([{ path: '/adapters/sarcastic.lora.gguf', scale: 1 }])
    await expect
      .poll(() =>
        page.getByTestId('gallery-card').filter({ hasText: 'Nyx Thornwood' }).locator('img').getAttribute('src')
      )
      .toMatch(/^data:image\/png;base64,/)
    await page.getByTestId('gallery-search').fill('nyx')
    await expect.poll(() => page.getByTestId('gallery-card').count()).toBe(1)
    await screenshot(page, 'character-gallery')
  })

  it('imports a PNG card by file picker and exports it as a download', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('nav-characters').click()
    await page
      .getByTestId('import-card')
      .setInputFiles(join(sharedDir, 'data', 'character-cards', 'cards', 'Seraphina.v2.png'))
    await page.getByTestId('gallery').getByText('Seraphina').waitFor()
    const download = page.waitForEvent('download')
    await page.getByTestId('gallery-card').filter({ hasText: 'Seraphina' }).getByTestId('export-card').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('Seraphina.png')
    await screenshot(page, 'character-card-imported')
    await page
      .getByTestId('import-card')
      .setInputFiles(join(sharedDir, 'data', 'character-cards', 'no-card', 'user-default.png'))
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/no character card inside/)
  })

  it('deletes only after confirmation', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('nav-characters').click()
    await page.getByTestId('delete').first().click()
    expect(app.core.characters.count(app.core.userId)).toBe(1)
    await page.getByTestId('confirm-delete').click()
    await expect.poll(() => page.getByTestId('gallery-card').count()).toBe(0)
    expect(app.core.characters.count(app.core.userId)).toBe(0)
  })
})
