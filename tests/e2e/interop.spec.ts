import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { blankCharacterDraft } from '../../src/shared/domain'
import { openApp, screenshot } from '../helpers/browser'
import { sharedDir, tinyLlamaModel } from '../helpers/sharedPaths'
import { useBrowserApp } from '../helpers/useBrowserApp'

const meguminChat = join(sharedDir, 'data', 'interop', 'st-chats', 'st-2023-04_megumin_legacy-tavernai-hybrid.jsonl')
const eldoria = join(sharedDir, 'data', 'character-cards', 'lorebooks', 'Eldoria.worldinfo.json')

describe('browser mode: SillyTavern chats and lorebooks', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1400, height: 900 },
    prepare: async (app) => {
      app.core.characters.insert(app.core.userId, { ...blankCharacterDraft(), name: 'Megumin' })
      app.core.settings.update({ sampling: { maxTokens: 8 }, isModelMemoryExtractionOn: false })
      await app.core.runtime.load({ path: tinyLlamaModel })
    }
  })

  it('imports a chat and a lorebook, edits an entry, and shows it in a reply used list', async () => {
    const { page, app } = ctx
    const megumin = app.core.characters.list(app.core.userId).find((c) => c.name === 'Megumin')!
    await openApp(page, app.server.url)
    await page.getByTestId('character-list').getByText('Megumin').click()

    // Import chat: the character named in the file is preselected.
    await page.getByTestId('open-chat-transfer').click()
    await page.getByTestId('chat-import-file').setInputFiles(meguminChat)
    await expect.poll(() => page.getByTestId('chat-import-character').inputValue()).toBe(megumin.id)
    await page.getByTestId('chat-import').click()
    await expect.poll(() => page.getByTestId('chat-transfer-status').textContent()).toContain('Imported 3 messages')
    await page.getByText('I am here to go on an adventure with you Megumin.').waitFor()
    expect(await page.getByTestId('message-user').first().textContent()).toContain('You')
    await screenshot(page, 'chat-imported')

    // Import a lorebook, attach it to Megumin, edit an entry's keys.
    await page.getByTestId('nav-lorebooks').click()
    await page.getByTestId('lorebook-import-file').setInputFiles(eldoria)
    await page.getByTestId('lorebook-editor').waitFor()
    await expect.poll(() => page.getByTestId('lore-entry').count()).toBe(4)
    // A controlled checkbox: it shows the attachment once the app has stored it.
    await page.getByTestId('lore-attach-character-Megumin').click()
    await expect.poll(() => page.getByTestId('lore-attach-character-Megumin').isChecked()).toBe(true)
    await page.getByTestId('lore-entry-edit').first().click()
    await page.getByTestId('lore-keys').fill('explosion, crimson')
    await page.getByTestId('lore-comment').fill('Explosion lore')
    // SillyTavern's other fields: placement at depth with a role, inclusion group, matching, filter, timing.
    await page.getByTestId('lore-position').selectOption({ label: 'At depth' })
    await page.getByTestId('lore-depth').fill('2')
    await page.getByTestId('lore-advanced').locator('summary').click()
    await page.getByTestId('lore-role').selectOption({ label: 'user' })
    await page.getByTestId('lore-group').fill('magic')
    await page.getByTestId('lore-group-weight').fill('40')
    await page.getByTestId('lore-group-override').check()
    await page.getByTestId('lore-case-sensitive').selectOption('yes')
    await page.getByTestId('lore-whole-words').selectOption('yes')
    await page.getByTestId('lore-character-filter').fill('Megumin, Kazuma')
    await page.getByTestId('lore-sticky').fill('3')
    await page.getByTestId('lore-cooldown').fill('2')
    await page.getByTestId('lore-delay').fill('1')
    await screenshot(page, 'lore-entry-form')
    await page.getByTestId('lore-entry-save').click()
    await page.getByTestId('lore-entry').filter({ hasText: 'Explosion lore' }).waitFor()
    await screenshot(page, 'lorebook-editor')
    const book = app.core.lorebooks.list()[0]!
    expect(book.attachments).toEqual([{ kind: 'character', characterId: megumin.id }])
    const edited = app.core.lorebooks.get(book.id).entries.find((e) => e.comment === 'Explosion lore')!
    expect(edited.keys).toEqual(['explosion', 'crimson'])
    expect(edited).toMatchObject({
      position: 4,
      depth: 2,
      role: 1,
      group: 'magic',
      groupWeight: 40,
      groupOverride: true,
      caseSensitive: true,
      matchWholeWords: true,
      characterFilter: { isExclude: false, names: ['Megumin', 'Kazuma'], tags: [] },
      sticky: 3,
      cooldown: 2,
      delay: 1
    })
    // The book's own matching settings.
    await page.getByTestId('lorebook-scan-depth').fill('6')
    await page.getByTestId('lorebook-token-budget').fill('900')
    await page.getByTestId('lorebook-recursive').uncheck()
    await page.getByTestId('lorebook-settings-save').click()
    await expect
      .poll(() => {
        const { scanDepth, tokenBudget, isRecursive } = app.core.lorebooks.get(book.id)
        return { scanDepth, tokenBudget, isRecursive }
      })
      .toEqual({ scanDepth: 6, tokenBudget: 900, isRecursive: false })

    // The edited entry fires for a reply and is named in its used list.
    await page.getByTestId('character-list').getByText('Megumin').click()
    await page.getByTestId('composer').fill('Show me your explosion magic!')
    await page.getByTestId('send').click()
    await page.getByTestId('send').waitFor({ timeout: 60_000 })
    await page.getByTestId('used-lore').last().click()
    await expect.poll(() => page.getByTestId('used-lore-list').last().textContent()).toContain('Explosion lore')
    await screenshot(page, 'reply-used-lore')
  })

  it('a cut-short chat file is refused with a clear error and nothing is imported', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('open-chat-transfer').click()
    await page.getByTestId('chat-import-file').setInputFiles({
      name: 'cut.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.from('{"user_name":"You","character_name":"Aiko"}\n{"name":"Aiko","is_user":false,"mes":"Hel')
    })
    await page.getByTestId('chat-import').click()
    await expect
      .poll(() => page.getByTestId('chat-transfer-status').textContent())
      .toMatch(/Line 2 .*not complete JSON/)
    const chats = app.core.characters.list(app.core.userId).flatMap((c) => app.core.chats.listByCharacter(c.id))
    expect(chats.filter((c) => c.title === 'cut')).toEqual([])
  })
})
