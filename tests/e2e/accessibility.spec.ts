import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { expectAxeClean } from '../helpers/expectAxeClean'
import { hasFocusWithin } from '../helpers/layoutChecks'
import { storiesModel, tinyLlamaModel } from '../helpers/sharedPaths'
import { useBrowserApp } from '../helpers/useBrowserApp'

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text)
  await page.getByTestId('send').click()
  await page.getByTestId('send').waitFor({ timeout: 60_000 })
}

describe('accessibility on the desktop layout', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1280, height: 900 },
    context: { bypassCSP: true },
    prepare: async (app) => {
      app.core.settings.update({ sampling: { maxTokens: 8 }, isModelMemoryExtractionOn: false })
    }
  })

  it('every screen passes axe (WCAG 2.2 A and AA) and has a top-level heading', async () => {
    const { page, app } = ctx
    await app.core.runtime.load({ path: tinyLlamaModel })
    await openApp(page, app.server.url)
    await say(page, 'I live in Tokyo.')
    await expectAxeClean(page, 'chat')
    await page.getByTestId('open-dataset-export').click()
    await page.getByTestId('dataset-export').waitFor()
    await expectAxeClean(page, 'dataset export')
    await page.getByTestId('dataset-export').getByRole('button', { name: 'Close' }).click()
    await page.getByTestId('open-chat-transfer').click()
    await page.getByTestId('chat-transfer').waitFor()
    await expectAxeClean(page, 'chat import and export')

    await page.getByTestId('open-memories').click()
    await page.getByTestId('memory-item').first().waitFor()
    await expectAxeClean(page, 'memories')
    await screenshot(page, 'a11y-memories')

    await page.getByTestId('nav-characters').click()
    await page.getByTestId('gallery').waitFor()
    await expectAxeClean(page, 'gallery')
    await page.getByTestId('gallery-card').first().getByRole('button', { name: 'Edit' }).click()
    await page.getByTestId('character-editor').waitFor()
    await expectAxeClean(page, 'character editor')

    await page.getByTestId('nav-models').click()
    await page.getByTestId('model-path').waitFor()
    await expectAxeClean(page, 'models')

    await page.getByTestId('nav-profile').click()
    await page.getByTestId('persona-name').waitFor()
    await expectAxeClean(page, 'settings')

    await page.getByTestId('nav-lorebooks').click()
    await page.getByLabel('New lorebook name').fill('Places')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByTestId('lorebook-editor').waitFor()
    await expectAxeClean(page, 'lorebooks')
    await page.getByTestId('lore-add-entry').click()
    await page.getByTestId('lore-entry-form').waitFor()
    await expectAxeClean(page, 'lorebook entry')

    await page.getByTestId('nav-search').click()
    await page.getByTestId('chat-search').fill('Tokyo')
    await page.getByTestId('search-hit').first().waitFor()
    await expectAxeClean(page, 'search')

    await page.getByTestId('nav-phone').click()
    await page.getByTestId('secure-context-notice').waitFor()
    await expectAxeClean(page, 'phone')
  })

  it('chats by keyboard alone: Tab reaches the composer, Enter sends, Shift+Enter breaks a line, Escape stops', async () => {
    const { page, app } = ctx
    await app.core.runtime.load({ path: storiesModel })
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    let presses = 0
    const composerHasFocus = (): Promise<boolean> => hasFocusWithin(page, '[data-testid="composer"]')
    while (!(await composerHasFocus()) && presses < 60) {
      await page.keyboard.press('Tab')
      presses++
    }
    expect(await composerHasFocus()).toBe(true)

    await page.keyboard.type('Hi Aiko,')
    await page.keyboard.press('Shift+Enter')
    await page.keyboard.type('how are you?')
    expect(await page.getByTestId('message-user').count()).toBe(0)
    await page.keyboard.press('Enter')
    await page.getByTestId('message-user').getByText('how are you?').waitFor()
    await page.getByTestId('send').waitFor({ timeout: 60_000 })
    expect(await composerHasFocus()).toBe(true)

    app.core.settings.update({ sampling: { maxTokens: 4000 } })
    await page.keyboard.type('Tell me a very long story.')
    await page.keyboard.press('Enter')
    await page.getByTestId('stop').waitFor()
    // Stopped after some text, so a reply is kept to show as stopped (one stopped before its first token is dropped).
    const streamed = page.getByTestId('streaming-message')
    await expect
      .poll(async () => ((await streamed.textContent()) ?? '').length, { timeout: 60_000 })
      .toBeGreaterThan(30)
    await page.keyboard.press('Escape')
    await page.getByTestId('send').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('messages').getByText('stopped').count()).toBe(1)
    await screenshot(page, 'a11y-keyboard-stopped')
  })
})
