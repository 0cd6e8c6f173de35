import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { useBrowserApp } from '../helpers/useBrowserApp'
import { tinyLlamaModel } from '../helpers/sharedPaths'

describe('browser mode: memory panel, mood badge and timeline', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1400, height: 900 },
    prepare: async (app) => {
      app.core.settings.update({ sampling: { maxTokens: 8 }, isModelMemoryExtractionOn: false })
      await app.core.runtime.load({ path: tinyLlamaModel })
    }
  })

  const say = async (text: string): Promise<void> => {
    const { page } = ctx
    await page.getByTestId('composer').fill(text)
    await page.getByTestId('send').click()
    await page.getByTestId('send').waitFor({ timeout: 60_000 })
  }

  it('shows the character mood badge and the mood timeline as the chat goes on', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    expect(await page.getByTestId('mood-badge').count()).toBe(0)
    await say("I'm so sad today, my dog died and I can't stop crying.")
    await page.getByTestId('mood-badge').waitFor()
    const first = await page.getByTestId('mood-badge').textContent()
    await say('This is the best day ever, I am so happy and excited!')
    await page.getByTestId('mood-timeline').waitFor()
    const tone = app.core.messages
      .list(app.core.chats.listByCharacter(app.core.characters.list(app.core.userId)[0]!.id)[0]!.id)
      .filter((m) => m.role === 'user')
      .map((m) => m.emotion?.label)
    expect(tone).toEqual(['sadness', 'joy'])
    expect(first).toMatch(/joy|sadness|anger|fear|surprise|disgust|love|neutral/)
    await screenshot(page, 'mood-badge-and-timeline')
  })

  it('shows what the character remembers, which memories a reply used, and lets the user delete one', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await say('I live in Tokyo. My favourite food is ramen.')
    await say('What a lovely evening.')
    await say('Where do I live?')
    await page.getByTestId('used-memories').last().click()
    await expect.poll(() => page.getByTestId('used-memories-list').last().textContent()).toContain('lives in Tokyo')
    await page.getByTestId('open-memories').click()
    const panel = page.getByTestId('memory-panel')
    await panel.getByText('User lives in Tokyo').waitFor()
    await panel.getByText("User's favourite food is ramen").waitFor()
    await screenshot(page, 'memory-panel')
    const before = await page.getByTestId('memory-item').count()
    await page
      .getByTestId('memory-item')
      .filter({ hasText: "User's favourite food" })
      .getByTestId('memory-delete')
      .click()
    await expect.poll(() => page.getByTestId('memory-item').count()).toBe(before - 1)
    await page.getByTestId('memory-search').fill('Tokyo')
    await expect
      .poll(async () => (await page.getByTestId('memory-item').first().textContent()) ?? '')
      .toContain('Tokyo')
  })

  it('shares a memory with another character, who then shows where it came from', async () => {
    const { page, app } = ctx
    const aiko = app.core.characters.list(app.core.userId)[0]!
    const ren = app.core.characterService.duplicate(aiko.id)
    await openApp(page, app.server.url)
    await page.getByTestId('character-list').getByText(aiko.name, { exact: true }).click()
    await say('I live in Tokyo.')
    await page.getByTestId('open-memories').click()
    const item = page.getByTestId('memory-item').filter({ hasText: 'User lives in Tokyo' })
    await item.getByTestId('memory-share').click()
    await item.getByTestId('memory-share-target').selectOption(ren.id)
    await item.getByTestId('memory-share-confirm').click()
    await expect.poll(() => page.getByTestId('memory-notice').textContent()).toBe(`Shared with ${ren.name}.`)
    const copies = app.core.memory
      .list({ characterId: ren.id, userId: app.core.userId })
      .filter((m) => m.sharedFrom === aiko.id)
    expect(copies.map((m) => m.text)).toEqual(['User lives in Tokyo'])

    await page.getByTestId('character-list').getByText(ren.name, { exact: true }).click()
    await page.getByTestId('open-memories').click()
    const shared = page
      .getByTestId('memory-panel')
      .getByTestId('memory-item')
      .filter({ hasText: 'User lives in Tokyo' })
    await expect.poll(() => shared.getByTestId('memory-shared-from').textContent()).toBe(`from ${aiko.name}`)
    await screenshot(page, 'memory-shared')
  })
})
