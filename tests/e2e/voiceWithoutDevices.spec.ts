import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../helpers/onnx/writeTinyVoiceModels'
import { storiesModel } from '../helpers/sharedPaths'
import type { TestServer } from '../helpers/testServer'
import { useBrowserApp } from '../helpers/useBrowserApp'

/** A machine whose audio system refuses to open an output: Web Audio cannot be made at all. */
const NO_AUDIO_OUTPUT = `
  window.AudioContext = class {
    constructor() {
      throw new DOMException('The audio device could not be opened.', 'NotSupportedError')
    }
  }
`

/** An output that is made but never starts (the device vanished): resuming it fails. */
const AUDIO_OUTPUT_GONE = `
  const Real = window.AudioContext
  window.AudioContext = class extends Real {
    get state() {
      return 'suspended'
    }
    resume() {
      return Promise.reject(new DOMException('No output device.', 'InvalidStateError'))
    }
  }
`

/**
 * This browser has no microphone (no fake capture device: getUserMedia answers NotFoundError, permission granted
 * or not), and its sound output is taken away by an init script. The user is told so in words, and chat goes on.
 */
describe('browser mode: voice on a machine without audio devices', () => {
  const ctx = useBrowserApp({ viewport: { width: 1280, height: 900 }, context: { permissions: ['microphone'] } })

  async function prepare(app: TestServer, dir: string): Promise<void> {
    await app.core.voice.addModel(writeTinyCtcRecognizer(join(dir, 'recogniser')))
    const voice = await app.core.voice.addModel(writeTinyVitsVoice(join(dir, 'voice')))
    const aiko = app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')!
    app.core.characters.update(aiko.id, { voice: { kind: 'neural', modelId: voice.id, speakerId: 0, speed: 1 } })
  }

  const errorText = (page: Page, pattern: RegExp): Promise<void> =>
    page.getByTestId('error').filter({ hasText: pattern }).first().waitFor({ timeout: 15_000 })

  it('no microphone and no sound output: clear messages for the mic, a reply read aloud and a call; chat works', async () => {
    const { page, app } = ctx
    await prepare(app, ctx.tempDir())
    app.core.settings.update({ sampling: { maxTokens: 16 } })
    await app.core.runtime.load({ path: storiesModel })
    await page.addInitScript(NO_AUDIO_OUTPUT)
    await openApp(page, app.server.url)
    const greeting = page.getByTestId('message-assistant').first()
    await greeting.getByText('What kind of story').waitFor()

    await page.getByTestId('mic').click()
    await errorText(page, /No microphone was found/)
    await expect.poll(() => page.getByTestId('mic').getAttribute('data-state')).toBe('idle')

    await greeting.getByTestId('speak').click()
    await errorText(page, /No sound output is available/)
    await greeting.getByTestId('speak').waitFor()

    await page.getByTestId('start-call').click()
    const callScreen = page.getByTestId('call-screen')
    await callScreen
      .getByTestId('error')
      .filter({ hasText: /No microphone was found/ })
      .waitFor({ timeout: 15_000 })
    expect(await callScreen.getByTestId('call-status').textContent()).toBe('The call could not start')
    await screenshot(page, 'voice-no-devices')
    await page.getByTestId('end-call').click()
    await callScreen.waitFor({ state: 'detached' })

    // Typing and sending go on as if nothing had happened.
    const replies = await page.getByTestId('message-assistant').count()
    await page.getByTestId('composer').fill('Hello there')
    await page.getByTestId('send').click()
    await page.getByTestId('message-user').getByText('Hello there').waitFor()
    await expect.poll(() => page.getByTestId('message-assistant').count(), { timeout: 60_000 }).toBeGreaterThan(replies)
    await page.getByTestId('send').waitFor({ timeout: 60_000 })
  })

  it('an output that cannot start says so instead of staying silent', async () => {
    const { page, app } = ctx
    await prepare(app, ctx.tempDir())
    await page.addInitScript(AUDIO_OUTPUT_GONE)
    await openApp(page, app.server.url)
    const greeting = page.getByTestId('message-assistant').first()
    await greeting.getByText('What kind of story').waitFor()
    await greeting.getByTestId('speak').click()
    await errorText(page, /No sound output is available/)
    await greeting.getByTestId('speak').waitFor()
  })
})
