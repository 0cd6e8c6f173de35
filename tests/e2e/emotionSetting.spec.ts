import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { useBrowserApp } from '../helpers/useBrowserApp'

describe('browser mode: choosing the emotion classifier', () => {
  const ctx = useBrowserApp({ viewport: { width: 1280, height: 1600 } })

  it('saves the choice from the Models screen and shows it again after a reload', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('nav-models').click()
    const select = page.getByTestId('emotion-classifier')
    await expect.poll(() => select.inputValue()).toBe('builtin')
    await select.selectOption('chat-model')
    await expect.poll(() => app.core.settings.get().emotionClassifier).toBe('chat-model')
    await page.reload()
    await page.getByTestId('nav-models').click()
    await expect.poll(() => page.getByTestId('emotion-classifier').inputValue()).toBe('chat-model')
    await page.getByTestId('emotion-classifier').scrollIntoViewIfNeeded()
    await screenshot(page, 'emotion-classifier-setting')
  })
})
