import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { splitSpeakable } from '../../src/shared/voice/splitSpeakable'
import { openApp, screenshot } from '../helpers/browser'
import { speechDispatcherSetup, type SpeechSetup } from '../helpers/speechDispatcher'
import { storiesModel } from '../helpers/sharedPaths'
import { useBrowserApp } from '../helpers/useBrowserApp'

/** What the page handed to speechSynthesis, and what the real voice (espeak-ng) reported back. */
interface SpokenEntry {
  text: string
  voice: string | null
  rate: number
  pitch: number
  events: string[]
  /** Was a reply still being written when this was handed over? */
  whileStreaming: boolean
}

/**
 * Records every utterance and its start/end/error events without changing what happens: the app's own calls go to
 * the real speechSynthesis, which speaks through speech-dispatcher and espeak-ng into ALSA's null device.
 */
const RECORD_SPEECH = `
  window.__spoken = []
  window.__cancels = 0
  const synth = window.speechSynthesis
  const speak = synth.speak.bind(synth)
  const cancel = synth.cancel.bind(synth)
  synth.speak = (u) => {
    const entry = {
      text: u.text,
      voice: u.voice ? u.voice.name : null,
      rate: u.rate,
      pitch: u.pitch,
      events: [],
      whileStreaming: document.querySelector('[data-testid="streaming-message"]') !== null
    }
    window.__spoken.push(entry)
    for (const type of ['start', 'end', 'error'])
      u.addEventListener(type, (e) => entry.events.push(type === 'error' ? 'error:' + e.error : type))
    speak(u)
  }
  synth.cancel = () => {
    window.__cancels++
    cancel()
  }
`

const spoken = (page: Page): Promise<SpokenEntry[]> => page.evaluate<SpokenEntry[]>('window.__spoken')

describe('browser mode: voice', () => {
  // Registered before useBrowserApp's hooks so it runs after the browser has closed.
  let speech: SpeechSetup | null = null
  afterAll(() => speech?.dispose())
  const ctx = useBrowserApp({
    viewport: { width: 1280, height: 900 },
    launch: () => {
      speech = speechDispatcherSetup()
      return speech
    }
  })

  async function open(page: Page, url: string): Promise<void> {
    await page.addInitScript(RECORD_SPEECH)
    await openApp(page, url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    await waitForVoices(page)
  }

  /** A cold speech-dispatcher takes a while to list its voices (thousands with espeak-ng), longer on a busy machine. */
  const waitForVoices = (page: Page): Promise<void> =>
    expect
      .poll(() => page.evaluate<number>('speechSynthesis.getVoices().length'), { timeout: 30_000 })
      .toBeGreaterThan(0)

  it('reads a reply aloud sentence by sentence, skipping the action, with start and end events', async () => {
    const { page, app } = ctx
    await open(page, app.server.url)
    const greeting = page.getByTestId('message-assistant').first()
    await greeting.getByTestId('speak').click()
    // While it speaks the control is a stop button; it turns back once the last sentence has ended.
    await greeting.getByTestId('stop-speaking').waitFor()
    await greeting.getByTestId('speak').waitFor({ timeout: 30_000 })
    const entries = await spoken(page)
    const content = (await greeting.locator('.bubble-text').textContent()) ?? ''
    const sentences = splitSpeakable(content).filter((p) => p.kind === 'speech')
    expect(sentences.length).toBeGreaterThanOrEqual(3)
    expect(entries.map((e) => e.text)).toEqual(sentences.map((p) => p.text))
    for (const entry of entries) expect(entry.events).toEqual(['start', 'end'])
    // No voice chosen: the system's voice for the page's language (en-US here), not espeak's first (Afrikaans).
    expect(entries[0]!.voice).toMatch(/english/i)
  })

  it('Stop silences the reply at once and drops the sentences still queued', async () => {
    const { page, app } = ctx
    // Long sentences, so Stop certainly comes while the first one is being spoken.
    const aiko = app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')!
    const sentence = 'This sentence goes on and on about the many shelves of the old library and its quiet rooms'
    app.core.characters.update(aiko.id, { firstMessage: `${sentence}. ${sentence}. ${sentence}. ${sentence}.` })
    await page.addInitScript(RECORD_SPEECH)
    await openApp(page, app.server.url)
    const greeting = page.getByTestId('message-assistant').first()
    await greeting.getByText('quiet rooms').first().waitFor()
    await waitForVoices(page)
    await greeting.getByTestId('speak').click()
    // speech-dispatcher starts on the first utterance, which takes a moment.
    await expect.poll(async () => (await spoken(page))[0]?.events ?? [], { timeout: 15_000 }).toContain('start')
    await page.getByTestId('stop-voice').click()
    await greeting.getByTestId('speak').waitFor()
    await expect.poll(() => page.evaluate('window.speechSynthesis.speaking'), { timeout: 5000 }).toBe(false)
    await page.waitForTimeout(1500)
    const entries = await spoken(page)
    expect(entries).toHaveLength(1)
    expect(entries[0]!.events).not.toContain('end')
    expect(await page.evaluate('window.__cancels')).toBeGreaterThan(0)
  })

  it('lists the system voices in the character editor, previews and saves the chosen one', async () => {
    const { page, app } = ctx
    await open(page, app.server.url)
    await page.getByTestId('nav-characters').click()
    await page.getByRole('button', { name: /edit/i }).first().click()
    const picker = page.getByTestId('voice-picker')
    await expect
      .poll(() => picker.getByTestId('voice-count').textContent(), { timeout: 15_000 })
      .toMatch(/^\d+ system voices/)
    await picker.getByTestId('voice-kind').selectOption('system')
    await picker.getByTestId('voice-language').selectOption('de')
    const name = await picker.getByTestId('voice-system').inputValue()
    expect(name).toMatch(/german/i)
    await picker.getByTestId('voice-speed').fill('1.5')
    await picker.getByTestId('voice-preview').click()
    await expect.poll(async () => (await spoken(page)).at(-1)?.events ?? [], { timeout: 30_000 }).toContain('end')
    const preview = (await spoken(page)).at(-1)!
    expect(preview.voice).toBe(name)
    expect(preview.rate).toBeCloseTo(1.5)
    await screenshot(page, 'voice-picker')
    await page.getByTestId('save-character').click()
    await expect
      .poll(() => app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')?.voice)
      .toEqual({ kind: 'system', voiceName: name, speed: 1.5 })
  })

  it('reads a streaming reply aloud from its first sentence; the composer Stop silences it', async () => {
    const { page, app } = ctx
    // A long reply, so the first sentence is certainly spoken while the rest is still being written.
    app.core.settings.update({ sampling: { maxTokens: 4000 } })
    await app.core.runtime.load({ path: storiesModel })
    await open(page, app.server.url)
    await page.getByTestId('read-aloud').click()
    await expect.poll(() => page.getByTestId('read-aloud').getAttribute('aria-pressed')).toBe('true')
    await page.getByTestId('composer').fill('Tell me a long story.')
    await page.getByTestId('send').click()
    await expect.poll(async () => (await spoken(page))[0]?.events ?? [], { timeout: 60_000 }).toContain('start')
    const first = (await spoken(page))[0]!
    expect(first.whileStreaming).toBe(true)
    await page.getByTestId('stop').click()
    await page.getByTestId('send').waitFor()
    await expect.poll(() => page.evaluate('window.speechSynthesis.speaking'), { timeout: 5000 }).toBe(false)
    const count = (await spoken(page)).length
    await page.waitForTimeout(1500)
    expect((await spoken(page)).length).toBe(count)
    // The switch is the chat's: it is still on after a reload.
    await page.reload()
    await expect.poll(() => page.getByTestId('read-aloud').getAttribute('aria-pressed')).toBe('true')
  })
})
