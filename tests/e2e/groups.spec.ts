import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { blankCharacterDraft, type Message } from '../../src/shared/domain'
import type { TestServer } from '../helpers/testServer'
import { openApp, screenshot } from '../helpers/browser'
import { useBrowserApp } from '../helpers/useBrowserApp'
import { findHorizontalOverflow, findSmallTargets } from '../helpers/layoutChecks'
import { expectAxeClean } from '../helpers/expectAxeClean'
import { tinyLlamaModel } from '../helpers/sharedPaths'

/** How long the page may take to show what the services already did (the machine is shared and busy). */
const UI = { timeout: 15_000 }

/** Two more characters beside the starter (Aiko), each with a greeting, so a group of three can be made. */
function addCharacters(app: TestServer): void {
  for (const name of ['Ren', 'Mio']) {
    app.core.characterService.create({ ...blankCharacterDraft(), name, firstMessage: `Hello, I am ${name}.` })
  }
}

function groupChatMessages(app: TestServer): Message[] {
  const group = app.core.groups.list()[0]!
  const chat = app.core.chat.listFor({ groupId: group.id })[0]!
  return app.core.messages.list(chat.id)
}

/** The replies after the user's last message (the auto-mode turn it started). */
function repliesAfterLastUserMessage(app: TestServer): Message[] {
  const messages = groupChatMessages(app)
  const lastUser = messages.map((m) => m.role).lastIndexOf('user')
  return messages.slice(lastUser + 1).filter((m) => m.role === 'assistant')
}

describe('browser mode: group chats', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1400, height: 900 },
    context: { bypassCSP: true },
    prepare: async (app) => {
      app.core.settings.update({ sampling: { maxTokens: 8 }, isModelMemoryExtractionOn: false })
      addCharacters(app)
      await app.core.runtime.load({ path: tinyLlamaModel })
    }
  })

  it('creates a group of three, answers in auto mode, stops it, switches modes and shows a member’s memories', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)

    // The "New group" flow: name, three members, in-order turns (deterministic), auto mode with two replies.
    await page.getByTestId('nav-characters').click()
    await page.getByTestId('new-group').click()
    const editor = page.getByTestId('group-editor')
    await editor.getByLabel('Name', { exact: true }).fill('Tea club')
    for (const name of ['Aiko', 'Ren', 'Mio']) {
      await editor.getByTestId('member-candidate').selectOption({ label: name })
      await editor.getByTestId('member-add').click()
    }
    expect(await editor.getByTestId('group-member').count()).toBe(3)
    await editor.getByLabel(/^In order/).check()
    await editor.getByTestId('group-auto-mode').check()
    await editor.getByTestId('group-auto-replies').fill('2')
    await expectAxeClean(page, 'group-editor')
    await screenshot(page, 'group-editor')
    await editor.getByTestId('group-save').click()

    // The group chat opens with each member's greeting, under its name, and the members in the header.
    const bar = page.getByTestId('group-members-bar')
    await expect.poll(() => bar.getByTestId('member-speak').count(), UI).toBe(3)
    const group = app.core.groups.list()[0]!
    expect(group).toMatchObject({ name: 'Tea club', talkMode: 'in-order', isAutoMode: true, autoModeMaxReplies: 2 })
    await expect
      .poll(() => page.getByTestId('message-assistant').getByTestId('speaker-name').allTextContents(), UI)
      .toEqual(['Aiko', 'Ren', 'Mio'])

    // One message: two members answer among themselves (auto mode, two replies), each reply under its speaker.
    await page.getByTestId('composer').fill('I live in Tokyo.')
    await page.getByTestId('send').click()
    await expect
      .poll(() => repliesAfterLastUserMessage(app).filter((m) => m.status === 'complete').length, { timeout: 60_000 })
      .toBe(2)
    await page.getByTestId('send').waitFor()
    const replies = repliesAfterLastUserMessage(app)
    expect(replies).toHaveLength(2)
    const speakers = replies.map((m) => m.characterId)
    expect(new Set(speakers).size).toBe(2)
    expect(group.characterIds).toEqual(expect.arrayContaining(speakers))
    const names = replies.map((m) => m.speakerName)
    await expect
      .poll(async () => (await page.getByTestId('speaker-name').allTextContents()).slice(-2), UI)
      .toEqual(names)
    // Each of those replies shows its speaker's avatar beside the name.
    const lastBubble = page.getByTestId('message-assistant').last()
    expect(await lastBubble.locator('.bubble-name .avatar-wrap').count()).toBe(1)

    // A reply can be redone: still by the member who said it, the old text kept as a swipe.
    await page.getByTestId('regenerate').click()
    await expect.poll(() => page.getByTestId('swipe-counter').textContent(), { timeout: 60_000 }).toBe('2/2')
    await page.getByTestId('send').waitFor()
    expect(repliesAfterLastUserMessage(app).at(-1)!.characterId).toBe(speakers[1])

    // Stop ends auto mode at once: with room for twenty replies and longer ones, Stop right away leaves far fewer.
    app.core.settings.update({ sampling: { maxTokens: 200 } })
    app.core.groups.update(group.id, { autoModeMaxReplies: 20 })
    await page.getByTestId('composer').fill('Tell me about your day, all of you.')
    await page.getByTestId('send').click()
    await page.getByTestId('stop').click({ timeout: 30_000 })
    await page.getByTestId('send').waitFor({ timeout: 30_000 })
    await expect.poll(() => repliesAfterLastUserMessage(app).every((m) => m.status !== 'streaming'), UI).toBe(true)
    const afterStop = repliesAfterLastUserMessage(app).length
    await page.waitForTimeout(1500)
    expect(repliesAfterLastUserMessage(app).length).toBe(afterStop)
    expect(afterStop).toBeLessThan(20)

    // Typing stops them too, and the typed message then goes as usual.
    await page.getByTestId('composer').fill('Go on, all of you.')
    await page.getByTestId('send').click()
    await page.getByTestId('stop').waitFor({ timeout: 30_000 })
    await page.getByTestId('composer').fill('Wait, me first!')
    await page.getByTestId('send').waitFor({ timeout: 30_000 })
    await expect.poll(() => repliesAfterLastUserMessage(app).every((m) => m.status !== 'streaming'), UI).toBe(true)
    const afterTyping = repliesAfterLastUserMessage(app).length
    await page.waitForTimeout(1500)
    expect(repliesAfterLastUserMessage(app).length).toBe(afterTyping)
    expect(afterTyping).toBeLessThan(20)
    app.core.settings.update({ sampling: { maxTokens: 8 } })
    app.core.groups.update(group.id, { autoModeMaxReplies: 2 })
    await page.getByTestId('composer').press('Enter')
    await expect
      .poll(() => repliesAfterLastUserMessage(app).filter((m) => m.status === 'complete').length, { timeout: 60_000 })
      .toBe(2)
    expect(
      groupChatMessages(app)
        .filter((m) => m.role === 'user')
        .at(-1)?.content
    ).toBe('Wait, me first!')
    await page.getByTestId('send').waitFor()

    // Manual mode from the header: nobody answers until the user clicks a member, who then speaks.
    await page.getByTestId('group-talk-mode').selectOption('manual')
    await expect.poll(() => app.core.groups.get(group.id).talkMode, UI).toBe('manual')
    await page.getByTestId('composer').fill('Who wants to answer?')
    await page.getByTestId('send').click()
    await page.getByTestId('pick-speaker').waitFor()
    await page.waitForTimeout(500)
    expect(repliesAfterLastUserMessage(app)).toHaveLength(0)
    const mio = app.core.characters.list(app.core.userId).find((c) => c.name === 'Mio')!
    await bar.locator(`[data-character-id="${mio.id}"]`).click()
    await expect
      .poll(() => repliesAfterLastUserMessage(app).filter((m) => m.status === 'complete').length, { timeout: 60_000 })
      .toBe(1)
    expect(repliesAfterLastUserMessage(app)[0]!.characterId).toBe(mio.id)
    await expect.poll(async () => (await page.getByTestId('speaker-name').allTextContents()).at(-1), UI).toBe('Mio')

    // A group has several chats, like a character: a new one starts with the greetings again.
    await page.getByTestId('new-chat').click()
    await expect.poll(() => page.getByTestId('chat-select').locator('option').count(), UI).toBe(2)
    await expect.poll(() => page.getByTestId('message-user').count(), UI).toBe(0)
    expect(app.core.chat.listFor({ groupId: group.id })).toHaveLength(2)

    // The auto toggle in the header turns auto mode off.
    await page.getByTestId('group-auto-toggle').click()
    await expect.poll(() => app.core.groups.get(group.id).isAutoMode, UI).toBe(false)
    await expect.poll(() => page.getByTestId('group-auto-toggle').getAttribute('aria-pressed'), UI).toBe('false')

    // Every member heard "I live in Tokyo": a member's memory panel shows it, marked as from the group chat.
    await page.getByTestId('open-memories').click()
    await page.getByTestId('memory-member').selectOption(mio.id)
    const fromGroup = page
      .getByTestId('memory-panel')
      .getByTestId('memory-item')
      .filter({ hasText: 'User lives in Tokyo' })
      .getByTestId('memory-from-group')
    await expect.poll(() => fromGroup.first().textContent(), { timeout: 30_000 }).toContain('Tea club')
    await expectAxeClean(page, 'group-chat')
    await screenshot(page, 'group-chat')
  })

  it('search hits in a group chat name the member who spoke and the group', async () => {
    const { page, app } = ctx
    const [aiko, ren] = app.core.characters.list(app.core.userId)
    const group = app.core.groups.create({ name: 'Duo', characterIds: [aiko!.id, ren!.id] })
    const chatId = app.core.chat.createInGroup(group.id, 'Picnic').id
    app.core.messages.insert({ chatId, role: 'user', content: 'Who packed the plum jam?', status: 'complete' })
    app.core.messages.insert({
      chatId,
      role: 'assistant',
      content: 'The plum jam was me.',
      status: 'complete',
      characterId: ren!.id,
      speakerName: ren!.name
    })
    await openApp(page, app.server.url)
    await page.getByTestId('nav-search').click()
    await page.getByTestId('chat-search').fill('plum jam')
    await expect.poll(() => page.getByTestId('search-hit').count(), UI).toBe(2)
    const labels = await page.getByTestId('search-hit').locator('.hint').allTextContents()
    expect(labels[0]).toMatch(new RegExp(`^${ren!.name} in Duo · Picnic · `))
    expect(labels[1]).toMatch(/^You in Duo · Picnic · /)
  })

  it('shows each member’s line on the mood timeline and each member’s mood in the header', async () => {
    const { page, app } = ctx
    const [aiko, ren] = app.core.characters.list(app.core.userId)
    app.core.groups.create({ name: 'Duo', characterIds: [aiko!.id, ren!.id], talkMode: 'in-order' })
    await openApp(page, app.server.url)
    await page.getByTestId('character-list').getByText('Duo').click()
    for (const text of ['What a wonderful day!', 'I am so sad now.']) {
      await page.getByTestId('composer').fill(text)
      await page.getByTestId('send').click()
      await expect.poll(() => page.getByTestId('send').count(), { timeout: 60_000 }).toBe(1)
      await expect.poll(() => groupChatMessages(app).every((m) => m.status !== 'streaming'), UI).toBe(true)
    }
    // One line for the user and one for each member.
    await expect.poll(() => page.getByTestId('mood-line').count(), { timeout: 30_000 }).toBe(3)
    const spoke = new Set(
      groupChatMessages(app).flatMap((m) => (m.role === 'assistant' && m.emotion ? [m.characterId] : []))
    )
    await expect
      .poll(() => page.getByTestId('group-members-bar').getByTestId('mood-badge').count(), { timeout: 30_000 })
      .toBe(spoke.size)
  })
})

describe('browser mode: a group chat on a phone', () => {
  const ctx = useBrowserApp({
    viewport: { width: 360, height: 740 },
    context: { hasTouch: true, isMobile: true, bypassCSP: true },
    prepare: async (app) => {
      addCharacters(app)
      const ids = app.core.characters.list(app.core.userId).map((c) => c.id)
      app.core.groups.create({ name: 'Tea club', characterIds: ids })
    }
  })

  it('fits the group chat and the group editor without sideways scrolling, finger-sized, and passes axe', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('character-list').getByText('Tea club').tap()
    await expect.poll(() => page.getByTestId('member-speak').count(), UI).toBe(3)
    for (const screen of ['group-chat', 'group-chat-menu', 'group-editor']) {
      if (screen === 'group-chat-menu') await page.getByTestId('chat-menu').tap()
      if (screen === 'group-editor') {
        await page.getByTestId('drawer-toggle').tap()
        await page.getByTestId('nav-characters').tap()
        await page.getByTestId('group-edit').tap()
        await page.getByTestId('group-editor').waitFor()
      }
      await page.waitForTimeout(250)
      expect({ screen, problems: await findHorizontalOverflow(page) }).toEqual({ screen, problems: [] })
      expect({ screen, small: await findSmallTargets(page) }).toEqual({ screen, small: [] })
      await expectAxeClean(page, screen)
      await screenshot(page, `mobile-${screen}`)
    }
  })

  it('edits a group: mutes a member for a while (who then cannot be asked to speak) and removes another', async () => {
    const { page, app } = ctx
    const group = app.core.groups.list()[0]!
    const byName = new Map(app.core.characters.list(app.core.userId).map((c) => [c.name, c]))
    const ren = byName.get('Ren')!
    const mio = byName.get('Mio')!
    await openApp(page, app.server.url)
    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-characters').tap()
    await page.getByTestId('group-edit').tap()
    const editor = page.getByTestId('group-editor')
    const renRow = editor.getByTestId('group-member').filter({ hasText: 'Ren' })
    await renRow.getByLabel('Mute Ren').selectOption({ label: 'Mute for 1 hour' })
    await renRow.getByTestId('member-muted').waitFor()
    await editor.getByRole('button', { name: 'Remove Mio' }).tap()
    expect(await editor.getByTestId('group-member').count()).toBe(2)
    // Two members is the least: removing one more is refused before anything is stored.
    await editor.getByRole('button', { name: 'Remove Ren' }).tap()
    await editor.getByTestId('group-problem').waitFor()
    expect(await editor.getByTestId('group-save').isDisabled()).toBe(true)
    await editor.getByTestId('member-candidate').selectOption({ label: 'Ren' })
    await editor.getByTestId('member-add').tap()
    await renRow.getByLabel('Mute Ren').selectOption({ label: 'Mute for 1 hour' })
    const before = Date.now()
    await editor.getByTestId('group-save').tap()

    await expect.poll(() => page.getByTestId('member-speak').count(), UI).toBe(2)
    const saved = app.core.groups.get(group.id)
    expect(saved.characterIds).not.toContain(mio.id)
    expect(saved.characterIds).toContain(ren.id)
    const until = Date.parse(saved.mutedUntil[ren.id]!)
    expect(until).toBeGreaterThan(before + 59 * 60_000)
    expect(until).toBeLessThan(Date.now() + 61 * 60_000)
    expect(await page.locator(`[data-testid="member-speak"][data-character-id="${ren.id}"]`).isDisabled()).toBe(true)
  })

  it('exports a group chat as SillyTavern .jsonl and imports it back as a new chat of the group', async () => {
    const { page, app } = ctx
    const group = app.core.groups.list()[0]!
    await openApp(page, app.server.url)
    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('character-list').getByText('Tea club').tap()
    await expect.poll(() => page.getByTestId('message-assistant').count(), UI).toBe(3)
    await page.getByTestId('chat-menu').tap()
    await page.getByTestId('open-group-chat-transfer').tap()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('group-chat-export').tap()])
    const path = await download.path()
    const lines = readFileSync(path, 'utf8').trim().split('\n')
    const names = lines.flatMap((line) => {
      const entry = JSON.parse(line) as { name?: string; mes?: string }
      return entry.mes === undefined ? [] : [entry.name]
    })
    expect(names.sort()).toEqual(['Aiko', 'Mio', 'Ren'])

    const original = app.core.chat.listFor({ groupId: group.id })[0]!.id
    await page.getByTestId('group-chat-import-file').setInputFiles(path)
    await page.getByTestId('group-chat-import').tap()
    await page.getByTestId('group-chat-transfer-status').waitFor()
    const chats = app.core.chat.listFor({ groupId: group.id })
    expect(chats).toHaveLength(2)
    const imported = chats.find((c) => c.id !== original)!
    const speakers = app.core.messages.list(imported.id).map((m) => m.characterId)
    expect(new Set(speakers)).toEqual(new Set(group.characterIds))
    await expect.poll(() => page.getByTestId('chat-select').locator('option').count(), UI).toBe(2)
  })

  it('imports a SillyTavern group file from the gallery: its members by name, a disabled one muted', async () => {
    const { page, app } = ctx
    const stGroup = { name: 'Book club', members: ['Aiko.png', 'Ren.png'], disabled_members: ['Ren.png'] }
    await openApp(page, app.server.url)
    await page.getByTestId('drawer-toggle').tap()
    await page.getByTestId('nav-characters').tap()
    await page.getByTestId('import-group').setInputFiles({
      name: 'Book club.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(stGroup))
    })
    await expect.poll(() => page.getByTestId('group-card').count(), UI).toBe(2)
    const imported = app.core.groups.list().find((g) => g.name === 'Book club')!
    const names = imported.characterIds.map((id) => app.core.characters.get(id).name)
    expect(names).toEqual(['Aiko', 'Ren'])
    expect(Object.keys(imported.mutedUntil)).toEqual([imported.characterIds[1]])
  })
})
