import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { expectAxeClean } from '../helpers/expectAxeClean'
import { findHorizontalOverflow, findSmallTargets } from '../helpers/layoutChecks'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../helpers/onnx/writeTinyVoiceModels'
import { useBrowserApp } from '../helpers/useBrowserApp'

const VIEWPORTS = [
  { name: 'phone-360', width: 360, height: 740 },
  { name: 'phone-390', width: 390, height: 844 }
]

async function checkScreen(page: Page, viewportName: string, screen: string): Promise<void> {
  await page.waitForTimeout(250) // the drawer's slide and layout settle
  expect({ screen, problems: await findHorizontalOverflow(page) }).toEqual({ screen, problems: [] })
  expect({ screen, small: await findSmallTargets(page) }).toEqual({ screen, small: [] })
  await expectAxeClean(page, `${viewportName} ${screen}`)
  await screenshot(page, `voice-mobile-${viewportName}-${screen}`)
}

interface ProbedElement {
  getBoundingClientRect(): { left: number; top: number; width: number; height: number }
  contains(other: unknown): boolean
  ownerDocument: { elementFromPoint(x: number, y: number): unknown }
}

/** The control can be brought on screen and is not covered there: a finger can press it. */
async function expectReachable(control: Locator, viewport: { width: number; height: number }): Promise<void> {
  await control.scrollIntoViewIfNeeded()
  const box = (await control.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width)
  expect(box.y).toBeGreaterThanOrEqual(0)
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
  // The Node test project has no DOM types: the element is described by what is used of it.
  const hit = await control.evaluate((el: ProbedElement) => {
    const r = el.getBoundingClientRect()
    const top = el.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return top !== null && (top === el || el.contains(top))
  })
  expect(hit).toBe(true)
}

describe.each(VIEWPORTS)('voice screens at $width x $height', (viewport) => {
  const ctx = useBrowserApp({
    viewport: { width: viewport.width, height: viewport.height },
    context: { hasTouch: true, isMobile: true, bypassCSP: true, permissions: ['microphone'] },
    launch: () => ({ args: ['--use-fake-device-for-media-stream'] })
  })

  it('the voice models section, the voice picker and the call screen fit a phone with finger-sized controls', async () => {
    const { page, app } = ctx
    const dir = ctx.tempDir()
    // Long folder names and paths, as real ones are (vits-piper-en_US-libritts_r-medium...).
    const voice = await app.core.voice.addModel(
      writeTinyVitsVoice(join(dir, 'a-rather-long-folder-name', 'vits-piper-en_US-libritts_r-medium-int8'), {
        speakers: 4
      })
    )
    await app.core.voice.addModel(writeTinyCtcRecognizer(join(dir, 'sherpa-onnx-nemo-ctc-en-citrinet-512-int8')))
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()

    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-models').tap()
    const panel = page.getByTestId('voice-models')
    await panel.getByTestId('voice-model').first().waitFor()
    // A refusal's message is long too.
    await panel.getByTestId('voice-model-path').fill(join(dir, 'no-such-folder-with-a-long-name', 'and-more'))
    await panel.getByTestId('voice-model-add').tap()
    await panel.getByTestId('error').waitFor()
    await panel.getByTestId('voice-model-repo').fill('csukuangfj/vits-piper-en_US-libritts_r-medium')
    await panel.scrollIntoViewIfNeeded()
    await checkScreen(page, viewport.name, 'voice-models')
    await expectReachable(panel.getByTestId('voice-model-download'), viewport)
    await expectReachable(panel.getByTestId('voice-model-remove').first(), viewport)

    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-characters').tap()
    await page.getByTestId('gallery-card').getByRole('button', { name: 'Edit' }).tap()
    const picker = page.getByTestId('voice-picker')
    await picker.getByTestId('voice-kind').selectOption('neural')
    await expect.poll(() => picker.getByTestId('voice-model').inputValue()).toBe(voice.id)
    await picker.getByTestId('voice-speaker').waitFor()
    await picker.scrollIntoViewIfNeeded()
    await checkScreen(page, viewport.name, 'voice-picker-neural')
    await expectReachable(picker.getByTestId('voice-preview'), viewport)
    await picker.getByTestId('voice-kind').selectOption('system')
    await checkScreen(page, viewport.name, 'voice-picker-system')

    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('character-list').getByText('Aiko').tap()
    await page.getByTestId('chat-menu').waitFor()
    await openCall(page)
    await expect
      .poll(() => page.getByTestId('call-status').textContent(), { timeout: 15_000 })
      .toMatch(/Listening|speaking/)
    await checkScreen(page, viewport.name, 'call')
    await expectReachable(page.getByTestId('end-call'), viewport)
    await page.getByTestId('end-call').tap()
    await page.getByTestId('call-screen').waitFor({ state: 'detached' })
  })
})

/** The Call button sits with the chat's controls; on a phone they may be behind the chat menu. */
async function openCall(page: Page): Promise<void> {
  const call = page.getByTestId('start-call')
  if (!(await call.isVisible())) await page.getByTestId('chat-menu').tap()
  await call.tap()
  await page.getByTestId('call-screen').waitFor()
}
