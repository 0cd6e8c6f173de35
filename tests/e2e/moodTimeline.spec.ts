import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { useBrowserApp } from '../helpers/useBrowserApp'
import { takingTurns } from '../helpers/takingTurns'

const SIZE = 5000
/** The chat is sad for its first 4,000 messages and joyful after: only the last part is ever loaded on opening. */
const SAD_UNTIL = 4000

describe('the mood timeline of a 5,000-message chat', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1400, height: 900 },
    prepare: async (app) => {
      const { core } = app
      const character = core.characters.list(core.userId)[0]!
      const chat = core.chat.create(character.id)
      core.messages.insertMany(chat.id, takingTurns(SIZE))
      const setEmotion = core.db.prepare('UPDATE messages SET emotion = ? WHERE id = ?')
      const reading = (label: 'sadness' | 'joy'): string => JSON.stringify({ label, confidence: 0.9, fineLabel: label })
      core.db.transaction(() =>
        core.messages.list(chat.id).forEach((m, i) => setEmotion.run(reading(i < SAD_UNTIL ? 'sadness' : 'joy'), m.id))
      )()
    }
  })

  it('plots the whole chat, not the loaded page: sad at the start, joyful at the end, for each speaker', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page
      .getByTestId('messages')
      .getByText(`message ${SIZE - 1}`, { exact: true })
      .waitFor()
    const timeline = page.getByTestId('mood-timeline')
    // 60 slices of the chat, one point per speaker in each.
    await expect.poll(() => timeline.getByTestId('mood-point').count()).toBe(120)
    const titles = await timeline.locator('circle title').allTextContents()
    const userTitles = titles.filter((t) => t.startsWith('You:'))
    expect(userTitles).toHaveLength(60)
    expect(userTitles[0]).toMatch(/^You: mostly sadness \(\d+ messages\)$/)
    expect(userTitles.at(-1)).toMatch(/^You: mostly joy/)
    // 4,000 of 5,000 messages are sad: 48 of the 60 slices.
    expect(titles.filter((t) => t.includes('mostly sadness'))).toHaveLength(96)
    expect(await timeline.getByTestId('mood-line').count()).toBe(2)
    expect(await timeline.getByRole('img', { name: 'Mood over the whole chat' }).count()).toBe(1)
    await screenshot(page, 'mood-timeline-whole-chat')
  })
})
