import type { APIResponse, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openApp } from '../helpers/browser'
import { storiesModel } from '../helpers/sharedPaths'
import { useBrowserApp } from '../helpers/useBrowserApp'

describe('browser mode: the chat view keeps the newest state when its page reads answer out of order', () => {
  const ctx = useBrowserApp({ viewport: { width: 1200, height: 800 } })

  it('a slow, older read of the newest page does not take away a reply that arrived after it was asked', async () => {
    const { page, app } = ctx
    app.core.settings.update({ sampling: { maxTokens: 16 } })
    await app.core.runtime.load({ path: storiesModel })
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    // The read the view makes right after sending (the reply is still being written) answers last: as on a busy
    // machine, where two requests can overtake each other.
    let held: { route: Route; answer: APIResponse } | null = null
    await page.route('**/api/chat.messages', async (route) => {
      if (held !== null) return route.continue()
      // Answered by the server now, handed to the page later.
      held = { route, answer: await route.fetch() }
    })
    await page.getByTestId('composer').fill('Tell me a story.')
    await page.getByTestId('send').click()
    await expect.poll(() => held !== null, { timeout: 15_000 }).toBe(true)
    const chatId = app.core.chat.listFor({ characterId: app.core.characters.list(app.core.userId)[0]!.id })[0]!.id
    await expect
      .poll(() => app.core.messages.list(chatId).at(-1)?.status, { timeout: 60_000 })
      .toMatch(/complete|cancelled/)
    const reply = app.core.messages.list(chatId).at(-1)!
    await page.getByTestId('send').waitFor()
    await expect.poll(() => page.locator(`[data-message-id="${reply.id}"]`).count()).toBe(1)
    // Now the stale answer (no reply in it yet) arrives.
    const { route, answer } = held!
    await route.fulfill({ response: answer })
    await page.waitForTimeout(1000)
    expect(await page.locator(`[data-message-id="${reply.id}"]`).count()).toBe(1)
    await page.unroute('**/api/chat.messages')
  })
})
