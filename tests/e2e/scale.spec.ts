import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { useBrowserApp } from '../helpers/useBrowserApp'
import { storiesModel } from '../helpers/sharedPaths'
import { takingTurns } from '../helpers/takingTurns'

const SIZE = 5000
const NEEDLE_AT = 120

/** Ordinary chat lines of varied length, so rows differ in height as real ones do. */
function line(i: number): string {
  if (i === NEEDLE_AT) return `message ${i}: I lost the golden thimble at the lake.`
  const filler = i % 7 === 0 ? ' We talked for a long while about the weather, the garden and the trip.'.repeat(3) : ''
  return `message ${i}${filler}`
}

// Run inside the page, so written as source text: the Node test project has no DOM types.

/** Where a message's bubble is on screen, or null when it is not in the DOM. */
function topOf(page: Page, text: string): Promise<number | null> {
  return page.evaluate<number | null>(`(() => {
    const bubble = [...document.querySelectorAll('[data-message-id]')].find(
      (b) => b.querySelector('.bubble-text')?.textContent === ${JSON.stringify(text)}
    )
    return bubble ? bubble.getBoundingClientRect().top : null
  })()`)
}

/** The first bubble on screen below the header: its text and where it is. */
function firstOnScreen(page: Page): Promise<{ text: string; top: number }> {
  return page.evaluate<{ text: string; top: number }>(`(() => {
    const list = document.querySelector('[data-testid="messages"]').getBoundingClientRect()
    const bubble = [...document.querySelectorAll('[data-message-id]')].find((b) => b.getBoundingClientRect().top >= list.top)
    return { text: bubble.querySelector('.bubble-text').textContent, top: bubble.getBoundingClientRect().top }
  })()`)
}

/** The lowest "message N" index in the DOM. */
function oldestInDom(page: Page): Promise<number> {
  return page.evaluate<number>(`Math.min(...[...document.querySelectorAll('.bubble-text')]
    .map((t) => /^message (\\d+)/.exec(t.textContent || ''))
    .filter(Boolean)
    .map((m) => Number(m[1])))`)
}

const domNodes = (page: Page): Promise<number> => page.evaluate<number>('document.querySelectorAll("*").length')

describe('a chat of 5,000 messages in Chromium', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1200, height: 800 },
    prepare: async (app) => {
      const { core } = app
      core.settings.update({ sampling: { maxTokens: 40 } })
      const character = core.characters.list(core.userId)[0]!
      const chat = core.chat.create(character.id)
      core.messages.insertMany(chat.id, takingTurns(SIZE, line))
    }
  })

  it('opens at the newest message, loads older pages while scrolling up without jumping, jumps to a search hit, and streams a reply', async () => {
    const { page, app } = ctx
    await app.core.runtime.load({ path: storiesModel })
    await openApp(page, app.server.url)
    const newest = page.getByTestId('messages').getByText(line(SIZE - 1), { exact: true })
    await newest.waitFor()
    expect(await newest.isVisible()).toBe(true)
    expect(await domNodes(page)).toBeLessThan(1500)
    expect(await page.locator('[data-message-id]').count()).toBeLessThan(60)

    // Scroll to the top three times: each time an older page comes in above, and what was on screen stays put. The
    // page's answer is held until the position before it is measured.
    const scroller = page.getByTestId('messages')
    let oldestSeen = await oldestInDom(page)
    for (let round = 0; round < 3; round++) {
      let release = (): void => undefined
      const gate = new Promise<void>((resolve) => (release = resolve))
      await page.route('**/api/chat.messages', async (route) => {
        await gate
        await route.continue()
      })
      // Typed by hand: the tests compile without the DOM library, so Playwright's element type is unknown to them.
      await scroller.evaluate((el: { scrollTo(options: { top: number }): void }) => el.scrollTo({ top: 0 }))
      await page.waitForTimeout(300)
      const anchor = await firstOnScreen(page)
      release()
      await expect.poll(() => oldestInDom(page)).toBeLessThan(oldestSeen)
      await page.unroute('**/api/chat.messages')
      await page.waitForTimeout(300)
      const after = await topOf(page, anchor.text)
      expect(after).not.toBeNull()
      expect(Math.abs(after! - anchor.top)).toBeLessThan(4)
      oldestSeen = await oldestInDom(page)
      expect(await domNodes(page)).toBeLessThan(3000)
    }
    expect(oldestSeen).toBeLessThan(SIZE - 100)
    await screenshot(page, 'scale-scrolled-up')

    // Search every chat: the hit opens the chat at that old message.
    await page.getByTestId('nav-search').click()
    await page.getByTestId('chat-search').fill('golden thim')
    await page.getByTestId('search-hit').first().waitFor()
    expect(await page.getByTestId('search-hits').locator('mark').allTextContents()).toEqual(['golden', 'thimble'])
    await page.getByTestId('search-hit').first().click()
    const needle = page.getByTestId('messages').getByText(line(NEEDLE_AT), { exact: true })
    await needle.waitFor()
    expect(await needle.isVisible()).toBe(true)
    await expect.poll(() => page.locator('.bubble.highlight').count()).toBe(1)
    expect(await domNodes(page)).toBeLessThan(3000)
    await screenshot(page, 'scale-search-jump')

    // A reply streams into the newest end; the list stays whole around it.
    await page.getByTestId('composer').fill('Tell me a story about the lake.')
    await page.getByTestId('send').click()
    await page.getByTestId('streaming-message').waitFor({ timeout: 60_000 })
    await page.getByTestId('send').waitFor({ timeout: 60_000 })
    const texts = await page.locator('.bubble-text').allTextContents()
    const sent = texts.indexOf('Tell me a story about the lake.')
    expect(sent).toBeGreaterThan(0)
    expect(texts[sent - 1]).toBe(line(SIZE - 1))
    expect(texts[sent - 2]).toBe(line(SIZE - 2))
    expect(texts.length).toBe(sent + 2)
    expect((await page.getByTestId('message-assistant').last().textContent())!.length).toBeGreaterThan(4)
    expect(await domNodes(page)).toBeLessThan(3000)
    await screenshot(page, 'scale-reply')
  })
})
