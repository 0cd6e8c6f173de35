import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { expectAxeClean } from '../helpers/expectAxeClean'
import { useBrowserApp } from '../helpers/useBrowserApp'
import { storiesModel } from '../helpers/sharedPaths'
import { findHorizontalOverflow, findSmallTargets, hasFocusWithin, isVisible } from '../helpers/layoutChecks'

const VIEWPORTS = [
  { name: 'phone-360', width: 360, height: 740, isPhone: true },
  { name: 'phone-390', width: 390, height: 844, isPhone: true },
  { name: 'tablet-768', width: 768, height: 1024, isPhone: false }
]

async function checkScreen(page: Page, viewportName: string, screen: string): Promise<void> {
  await page.waitForTimeout(250) // the drawer's slide and layout settle
  expect({ screen, problems: await findHorizontalOverflow(page) }).toEqual({ screen, problems: [] })
  expect({ screen, small: await findSmallTargets(page) }).toEqual({ screen, small: [] })
  await expectAxeClean(page, `${viewportName} ${screen}`)
  await screenshot(page, `mobile-${viewportName}-${screen}`)
}

function isDrawerOpen(page: Page): Promise<boolean> {
  return isVisible(page, '#sidebar')
}

/** A real touch drag (touchstart, moves, touchend) through Chromium's input pipeline, as a finger makes it. */
async function swipe(page: Page, selector: string, dx: number): Promise<void> {
  const box = (await page.locator(selector).boundingBox())!
  const y = box.y + box.height / 2
  const x0 = dx < 0 ? box.x + box.width - 10 : box.x + 10
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] })
  for (let step = 1; step <= 8; step++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + (dx * step) / 8, y }] })
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await cdp.detach()
}

describe.each(VIEWPORTS)('layout at $width x $height', (viewport) => {
  const ctx = useBrowserApp({
    viewport: { width: viewport.width, height: viewport.height },
    context: { hasTouch: true, isMobile: true, bypassCSP: true },
    prepare: async (app) => {
      app.core.settings.update({ sampling: { maxTokens: 16 } })
    }
  })

  it('fits every screen without sideways scrolling, with finger-sized controls, and passes axe', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    const composer = (await page.getByTestId('composer').boundingBox())!
    if (viewport.isPhone) expect(composer.width).toBeGreaterThanOrEqual(0.8 * viewport.width)
    await checkScreen(page, viewport.name, 'chat')

    await page.getByTestId('chat-menu').tap()
    await page.getByTestId('open-memories').waitFor()
    await checkScreen(page, viewport.name, 'chat-menu')
    await page.getByTestId('open-memories').tap()
    await page.getByTestId('memory-panel').waitFor()
    expect(await page.getByTestId('chat-menu').getAttribute('aria-expanded')).toBe('false')
    await checkScreen(page, viewport.name, 'memories')
    await page.getByRole('button', { name: 'Close memories' }).tap()

    await page.getByTestId('drawer-toggle').tap()
    await checkScreen(page, viewport.name, 'drawer')
    await page.getByTestId('nav-characters').tap()
    await page.getByTestId('gallery').waitFor()
    await checkScreen(page, viewport.name, 'characters')
    await page.getByTestId('gallery-card').getByRole('button', { name: 'Edit' }).tap()
    await page.getByTestId('character-editor').waitFor()
    await checkScreen(page, viewport.name, 'editor')

    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-models').tap()
    await page.getByTestId('model-path').waitFor()
    await checkScreen(page, viewport.name, 'models')

    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-profile').tap()
    await page.getByTestId('persona-name').waitFor()
    await checkScreen(page, viewport.name, 'profile')

    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-search').tap()
    await page.getByTestId('chat-search').fill('story')
    await page.getByTestId('search-hit').first().waitFor()
    await checkScreen(page, viewport.name, 'search')

    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-phone').tap()
    await page.getByTestId('secure-context-notice').waitFor()
    await checkScreen(page, viewport.name, 'phone')
  })

  it('opens the drawer from the menu button and closes it by Escape, the backdrop and navigation', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    expect(await isDrawerOpen(page)).toBe(false)
    await page.getByTestId('drawer-toggle').tap()
    await expect.poll(() => isDrawerOpen(page)).toBe(true)
    // Focus moves into the drawer so keyboard and screen-reader users land where it opened.
    expect(await hasFocusWithin(page, '#sidebar')).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => isDrawerOpen(page)).toBe(false)

    await page.getByTestId('drawer-toggle').tap()
    await expect.poll(() => isDrawerOpen(page)).toBe(true)
    await page.touchscreen.tap(viewport.width - 10, viewport.height / 2)
    await expect.poll(() => isDrawerOpen(page)).toBe(false)

    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-models').tap()
    await expect.poll(() => isDrawerOpen(page)).toBe(false)
    await page.getByTestId('model-path').waitFor()
    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('character-list').getByText('Aiko').tap()
    await expect.poll(() => isDrawerOpen(page)).toBe(false)
    await page.getByTestId('composer').waitFor()
  })

  it('sends a message, grows the composer with the text, and swipes the reply by touch', async () => {
    const { page, app } = ctx
    await app.core.runtime.load({ path: storiesModel })
    await openApp(page, app.server.url)
    const composer = page.getByTestId('composer')
    const oneLine = (await composer.boundingBox())!.height
    await composer.fill('Once upon a time\nthere was\na very\nlong\nmessage')
    const grown = (await composer.boundingBox())!.height
    expect(grown).toBeGreaterThan(oneLine)
    expect(grown).toBeLessThanOrEqual(Math.max(80, viewport.height * 0.4) + 1)
    await composer.fill('Tell me a story.')
    expect((await composer.boundingBox())!.height).toBeLessThan(grown)
    await page.getByTestId('send').tap()
    await page.getByTestId('message-user').getByText('Tell me a story.').waitFor()
    await page.getByTestId('regenerate').waitFor({ timeout: 60_000 })
    await page.getByTestId('send').waitFor({ timeout: 60_000 })
    // Each bubble sits in its own row of the virtualised list, so "last" is the last match, not :last-of-type.
    const lastReply = '[data-testid="message-assistant"] >> nth=-1'
    expect(await page.locator(lastReply).count()).toBe(1)

    // Finger to the left: a new version of the reply, as SillyTavern's mobile swipe.
    await swipe(page, lastReply, -180)
    await expect.poll(() => page.getByTestId('swipe-counter').textContent(), { timeout: 60_000 }).toBe('2/2')
    await page.getByTestId('send').waitFor({ timeout: 60_000 })
    // Finger to the right: back to the first version.
    await swipe(page, lastReply, 180)
    await expect.poll(() => page.getByTestId('swipe-counter').textContent()).toBe('1/2')
    // A mostly vertical drag is a scroll, not a swipe.
    const box = (await page.locator(lastReply).boundingBox())!
    const cdp = await page.context().newCDPSession(page)
    const x = box.x + box.width / 2
    const y = box.y + box.height / 2
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] })
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x - 70, y: y - 80 }] })
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    await cdp.detach()
    await page.waitForTimeout(300)
    expect(await page.getByTestId('swipe-counter').textContent()).toBe('1/2')
    await screenshot(page, `mobile-${viewport.name}-swiped`)
  })
})
