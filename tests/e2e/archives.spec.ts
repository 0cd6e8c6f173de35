import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { picture, v3Card, zip } from '../helpers/charxFixtures'
import { sharedDir } from '../helpers/sharedPaths'
import { useBrowserApp } from '../helpers/useBrowserApp'

describe('browser mode: character archives and backups', () => {
  const ctx = useBrowserApp({ viewport: { width: 1280, height: 900 } })

  it('imports a Backyard archive and a CHARX from the gallery, with their chat and pictures', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('nav-characters').click()
    await page
      .getByTestId('import-card')
      .setInputFiles(join(sharedDir, 'data', 'interop', 'byaf', 'ahoylabs-test-v1-1.byaf'))
    await page.getByTestId('gallery').getByText('Test Bot').waitFor()
    const bot = app.core.characters.list(app.core.userId).find((c) => c.name === 'Test Bot')!
    expect(app.core.chats.listByCharacter(bot.id)).toHaveLength(1)

    const charx = join(ctx.tempDir(), 'Mira.charx')
    writeFileSync(
      charx,
      zip({
        'card.json': v3Card('Mira', [
          { type: 'icon', uri: 'embeded://assets/icon/images/main.png', name: 'main', ext: 'png' },
          { type: 'emotion', uri: 'embeded://assets/emotion/images/joy.png', name: 'joy', ext: 'png' }
        ]),
        'assets/icon/images/main.png': await picture('#ff0000'),
        'assets/emotion/images/joy.png': await picture('#ffcc00', 300, 600)
      })
    )
    await page.getByTestId('import-card').setInputFiles(charx)
    await page.getByTestId('gallery').getByText('Mira').waitFor()
    const mira = app.core.characters.list(app.core.userId).find((c) => c.name === 'Mira')!
    expect(Object.keys(mira.expressions)).toEqual(['joy'])
    await expect
      .poll(() => page.getByTestId('gallery-card').filter({ hasText: 'Mira' }).locator('img').getAttribute('src'))
      .toMatch(/^data:image\/png;base64,/)
    await screenshot(page, 'archives-imported')

    const bomb = join(ctx.tempDir(), 'bomb.charx')
    writeFileSync(bomb, zip({ 'card.json': v3Card('Bomb', []), 'x.bin': new Uint8Array(20 * 1024 * 1024) }))
    await page.getByTestId('import-card').setInputFiles(bomb)
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/zip bomb/)
    expect(app.core.characters.list(app.core.userId).some((c) => c.name === 'Bomb')).toBe(false)
  })

  it('downloads a backup and restores it by upload: later changes are gone, the app reloads on the backup', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('nav-profile').click()
    const download = page.waitForEvent('download')
    await page.getByTestId('backup-create').click()
    const file = join(ctx.tempDir(), (await download).suggestedFilename())
    await (await download).saveAs(file)
    expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK')
    await expect.poll(() => page.getByTestId('backup-message').textContent()).toMatch(/Backup downloaded/)

    const aiko = app.core.characters.list(app.core.userId)[0]!
    app.core.characterService.create({ ...aiko, name: 'Made after the backup' })
    await page.evaluate(() => ((globalThis as unknown as { beforeRestore: boolean }).beforeRestore = true))
    await page.getByTestId('backup-restore-file').setInputFiles(file)
    await expect.poll(() => page.getByTestId('backup-message').textContent()).toMatch(/Restored the backup/)
    await screenshot(page, 'backup-restored')
    await page.waitForFunction(() => {
      const state = globalThis as unknown as { beforeRestore?: boolean; __apiEventsReady?: boolean }
      return state.beforeRestore === undefined && state.__apiEventsReady === true
    })
    expect(app.core.characters.list(app.core.userId).map((c) => c.name)).toEqual([aiko.name])
    await page.getByTestId('nav-characters').click()
    await expect.poll(() => page.getByTestId('gallery-card').count()).toBe(1)
  })
})
