import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { blankCharacterDraft } from '../../src/shared/domain'
import { openApp, screenshot } from '../helpers/browser'
import { expectAxeClean } from '../helpers/expectAxeClean'
import { hasFocusWithin } from '../helpers/layoutChecks'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../helpers/onnx/writeTinyVoiceModels'
import { sharedDir, storiesModel, tinyLlamaModel } from '../helpers/sharedPaths'
import { useBrowserApp } from '../helpers/useBrowserApp'

/** How long the page may take to show what the services already did (the machine is shared and busy). */
const UI = { timeout: 15_000 }

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
    // Exactly the mark: the story itself may say "stopped" (a CI run counted two).
    await expect.poll(() => page.getByTestId('messages').getByText('stopped', { exact: true }).count()).toBe(1)
    await screenshot(page, 'a11y-keyboard-stopped')
  })
})

/** Chromium's fake microphone plays jfk.wav (11 s of speech, looped) into getUserMedia. */
const jfkWav = join(sharedDir, 'models', 'voice', 'jfk.wav')

describe('accessibility of the group and voice screens', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1280, height: 900 },
    context: { bypassCSP: true, permissions: ['microphone'] },
    launch: () => ({ args: ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${jfkWav}`] }),
    prepare: async (app) => {
      app.core.settings.update({ sampling: { maxTokens: 8 }, isModelMemoryExtractionOn: false })
    }
  })

  it('the group editor and a group chat (its controls, import/export, members’ memories) pass axe', async () => {
    const { page, app } = ctx
    const aiko = app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')!
    const ren = app.core.characterService.create({
      ...blankCharacterDraft(),
      name: 'Ren',
      firstMessage: 'Hello, I am Ren.'
    })
    app.core.groups.create({ name: 'Tea club', characterIds: [aiko.id, ren.id], talkMode: 'manual' })
    await app.core.runtime.load({ path: tinyLlamaModel })
    await openApp(page, app.server.url)

    await page.getByTestId('nav-characters').click()
    await page.getByTestId('group-card').getByTestId('group-edit').click()
    await page.getByTestId('group-editor').waitFor()
    await expectAxeClean(page, 'group editor')
    await page.getByTestId('group-editor').getByRole('button', { name: 'Cancel' }).click()
    await page.getByTestId('new-group').click()
    await page.getByTestId('group-editor').waitFor()
    await expectAxeClean(page, 'new group')

    await page.getByTestId('group-list-item').getByRole('button').click()
    await expect.poll(() => page.getByTestId('group-members-bar').getByTestId('member-speak').count(), UI).toBe(2)
    await expectAxeClean(page, 'group chat')
    // Manual mode: after the user's message the chat asks who answers.
    await say(page, 'Hello, both of you.')
    await page.getByTestId('pick-speaker').waitFor(UI)
    await expectAxeClean(page, 'group chat, choosing who answers')
    await page.getByTestId('open-group-chat-transfer').click()
    await page.getByTestId('group-chat-transfer').waitFor()
    await expectAxeClean(page, 'group chat import and export')
    await page.getByTestId('open-memories').click()
    await page.getByTestId('memory-member').waitFor()
    await expectAxeClean(page, 'group memories')
    await screenshot(page, 'a11y-group-chat')
  })

  it('the microphone button in each state, the call screen and the voice picker pass axe', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    const mic = page.getByTestId('mic')
    await expectAxeClean(page, 'microphone idle')
    // No speech model yet: the button says what is missing.
    await mic.click()
    await page.getByTestId('error').waitFor(UI)
    await expect.poll(() => mic.getAttribute('data-state')).toBe('idle')
    await expectAxeClean(page, 'microphone error')

    await app.core.voice.addModel(writeTinyCtcRecognizer(join(ctx.tempDir(), 'recogniser')))
    const voice = await app.core.voice.addModel(writeTinyVitsVoice(join(ctx.tempDir(), 'voice'), { speakers: 2 }))
    await mic.click()
    await expect.poll(() => mic.getAttribute('data-state'), UI).toBe('recording')
    await page.getByTestId('mic-level').waitFor()
    await expectAxeClean(page, 'microphone recording')
    await mic.click()
    await expect.poll(() => mic.getAttribute('data-state'), { timeout: 30_000 }).toBe('idle')

    await page.getByTestId('start-call').click()
    await page.getByTestId('call-screen').waitFor()
    await expect.poll(() => page.getByTestId('call-status').getAttribute('data-speaker'), UI).toMatch(/you|listening/)
    await expectAxeClean(page, 'voice call')
    await screenshot(page, 'a11y-voice-call')
    await page.getByTestId('end-call').click()
    await page.getByTestId('call-screen').waitFor({ state: 'detached' })

    await page.getByTestId('nav-characters').click()
    await page.getByTestId('gallery-card').first().getByRole('button', { name: 'Edit' }).click()
    await page.getByTestId('character-editor').waitFor()
    const kind = page.getByTestId('voice-kind')
    await kind.selectOption('neural')
    await expect.poll(() => page.getByTestId('voice-model').inputValue(), UI).toBe(voice.id)
    await expectAxeClean(page, 'voice picker: a local voice model')
    await kind.selectOption('system')
    await page.getByTestId('voice-preview').waitFor()
    await expectAxeClean(page, 'voice picker: a system voice')
  })
})
