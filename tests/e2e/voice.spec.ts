import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { blankCharacterDraft, type Message } from '../../src/shared/domain'
import { splitSpeakable } from '../../src/shared/voice/splitSpeakable'
import { openApp, screenshot } from '../helpers/browser'
import { speechDispatcherSetup, type SpeechSetup } from '../helpers/speechDispatcher'
import { sharedDir, storiesModel } from '../helpers/sharedPaths'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../helpers/onnx/writeTinyVoiceModels'
import type { TestServer } from '../helpers/testServer'
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
    if (window.__onFirstStart && window.__spoken.length === 1) u.addEventListener('start', window.__onFirstStart)
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

  it("in a group chat each reply is read in its own speaker's voice", async () => {
    const { page, app } = ctx
    await open(page, app.server.url)
    const names = await page.evaluate<string[]>('speechSynthesis.getVoices().map((v) => v.name)')
    const german = names.find((n) => /german/i.test(n))!
    const french = names.find((n) => /french/i.test(n))!
    const aiko = app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')!
    app.core.characters.update(aiko.id, { voice: { kind: 'system', voiceName: german, speed: 1 } })
    const ren = app.core.characterService.create({
      ...blankCharacterDraft(),
      name: 'Ren',
      firstMessage: 'Hello, I am Ren. I like tea.',
      voice: { kind: 'system', voiceName: french, speed: 1 }
    })
    app.core.groups.create({ name: 'Duo', characterIds: [aiko.id, ren.id] })
    await page.reload()
    await page.getByTestId('character-list').getByText('Duo').click()
    const rens = page.getByTestId('message-assistant').filter({ hasText: 'Hello, I am Ren.' })
    await rens.getByTestId('speak').click()
    // Not by watching the Stop button: the null audio device speaks faster than real time, so it can come and go
    // between two looks (flaky); each sentence's end event is what says it was spoken.
    await expect
      .poll(async () => (await spoken(page)).filter((e) => e.events.includes('end')).length, { timeout: 30_000 })
      .toBe(2)
    await rens.getByTestId('speak').waitFor()
    const entries = await spoken(page)
    expect(entries.map((e) => e.text)).toEqual(['Hello, I am Ren.', 'I like tea.'])
    for (const entry of entries) expect(entry.voice).toBe(french)
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
    // Stop is pressed in the page the moment the first sentence starts: the null audio device plays faster than real
    // time, so a Stop sent from the test after polling for 'start' could come after that sentence ended (flaky).
    await page.evaluate(`window.__onFirstStart = () => {
      const press = () => {
        const stop = document.querySelector('[data-testid="stop-voice"]')
        if (stop) stop.click()
        else setTimeout(press, 1)
      }
      press()
    }`)
    await greeting.getByTestId('speak').click()
    // speech-dispatcher starts on the first utterance, which takes a moment.
    await expect.poll(async () => (await spoken(page))[0]?.events ?? [], { timeout: 15_000 }).toContain('start')
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

/** Chromium's fake microphone plays jfk.wav (11 s of speech, looped) into getUserMedia. */
const jfkWav = join(sharedDir, 'models', 'voice', 'jfk.wav')

/**
 * Records each Web Audio buffer the app starts (a neural voice's sentence) with its playback rate (the pitch) and
 * whether it played to its end; playback itself is untouched.
 */
const RECORD_AUDIO = `
  window.__played = []
  const start = AudioBufferSourceNode.prototype.start
  const stop = AudioBufferSourceNode.prototype.stop
  AudioBufferSourceNode.prototype.start = function (...args) {
    if (this.__isMicrophone) return start.apply(this, args)
    const entry = { seconds: this.buffer ? this.buffer.duration : 0, playbackRate: this.playbackRate.value, ended: false, cut: false, startedAt: performance.now() }
    this.__entry = entry
    window.__played.push(entry)
    this.addEventListener('ended', () => (entry.ended = true))
    return start.apply(this, args)
  }
  AudioBufferSourceNode.prototype.stop = function (...args) {
    if (this.__entry && !this.__entry.ended && !this.__entry.cut) {
      this.__entry.cut = true
      this.__entry.cutAt = Date.now()
    }
    return stop.apply(this, args)
  }
`

/**
 * A microphone the test speaks into: getUserMedia gets a stream that stays silent until \`window.__say(from, to)\`
 * plays that stretch of jfk.wav into it. Chromium's fake device loops the file, so the next phrase came ~1 s after a
 * turn ended whatever the app was doing; a call's turns must come when the test says (segments: 0.3-2.3, 3.3-4.4 s).
 */
const CONTROLLED_MICROPHONE = `
  window.__say = null
  navigator.mediaDevices.getUserMedia = async () => {
    const context = new AudioContext()
    await context.resume()
    const destination = context.createMediaStreamDestination()
    const bytes = Uint8Array.from(atob('${readFileSync(jfkWav).toString('base64')}'), (c) => c.charCodeAt(0))
    const buffer = await context.decodeAudioData(bytes.buffer)
    window.__say = (from, to) => {
      const source = context.createBufferSource()
      source.__isMicrophone = true
      source.buffer = buffer
      source.connect(destination)
      source.start(0, from, to - from)
    }
    return destination.stream
  }
`

/**
 * Resolves once a sentence of the character's voice has just started (and lasts a while), then says \`from\`-\`to\`:
 * the user talks over the character mid-sentence, however slowly the machine got there.
 */
const SAY_OVER_NEXT_SENTENCE = `(async ([from, to]) => {
  for (;;) {
    const playing = window.__played.find((p) => !p.ended && !p.cut && p.seconds > 2 && performance.now() - p.startedAt < 300)
    if (playing) return window.__say(from, to)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
})`

/** Opens the app and has the greeting read with the character's local voice, start to end; returns the greeting. */
async function speakGreeting(page: Page, url: string): Promise<Locator> {
  await openApp(page, url)
  const greeting = page.getByTestId('message-assistant').first()
  await greeting.getByText('What kind of story').waitFor()
  await greeting.getByTestId('speak').click()
  // Web Audio plays in real time, so the Stop button is there while the sentences play.
  await greeting.getByTestId('stop-speaking').waitFor()
  await greeting.getByTestId('speak').waitFor({ timeout: 30_000 })
  return greeting
}

describe('browser mode: local voices and the microphone', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1280, height: 900 },
    context: { permissions: ['microphone'] },
    launch: () => ({ args: ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${jfkWav}`] })
  })

  /** `sampleRate`: the tiny voice writes 256 samples a character, so a low rate makes long sentences. */
  async function addModels(app: TestServer, dir: string, sampleRate?: number): Promise<{ voiceId: string }> {
    await app.core.voice.addModel(writeTinyCtcRecognizer(join(dir, 'recogniser')))
    const voice = await app.core.voice.addModel(writeTinyVitsVoice(join(dir, 'voice'), { speakers: 2, sampleRate }))
    return { voiceId: voice.id }
  }

  it('the microphone button records the fake microphone and puts the transcript in the composer', async () => {
    const { page, app } = ctx
    await addModels(app, ctx.tempDir())
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    await page.getByTestId('composer').fill('Typed first.')
    const mic = page.getByTestId('mic')
    await mic.click()
    await expect.poll(() => mic.getAttribute('data-state'), { timeout: 15_000 }).toBe('recording')
    await page.getByTestId('mic-level').waitFor()
    // Four seconds of "And so, my fellow Americans..." reach the service in 100 ms chunks.
    await page.waitForTimeout(4000)
    await screenshot(page, 'voice-mic-recording')
    await mic.click()
    await expect.poll(() => mic.getAttribute('data-state'), { timeout: 30_000 }).toBe('idle')
    const text = await page.getByTestId('composer').inputValue()
    // The tiny recogniser's words are noise; that some came back after what was typed is the plumbing.
    expect(text.startsWith('Typed first. ')).toBe(true)
    expect(text.length).toBeGreaterThan('Typed first. '.length)
    await expect.poll(() => page.getByTestId('error').count()).toBe(0)
  })

  it('says what is missing: no speech model, or the microphone blocked', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    await page.getByTestId('mic').click()
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/speech|recogni/i)
    await expect.poll(() => page.getByTestId('mic').getAttribute('data-state')).toBe('idle')

    await addModels(app, ctx.tempDir())
    const blocked = await page.context().browser()!.newContext()
    try {
      const other = await blocked.newPage()
      await openApp(other, app.server.url)
      await other.getByTestId('messages').getByText('What kind of story').waitFor()
      await other.getByTestId('mic').click()
      await expect.poll(() => other.getByTestId('error').textContent(), { timeout: 15_000 }).toMatch(/blocked/)
      await expect.poll(() => other.getByTestId('mic').getAttribute('data-state')).toBe('idle')
      // Typing and sending still work.
      await other.getByTestId('composer').fill('Hello anyway')
      await expect.poll(() => other.getByTestId('send').isEnabled()).toBe(true)
    } finally {
      await blocked.close()
    }
  })

  it('a character with a local voice model is read through Web Audio, one sentence per synthesis', async () => {
    const { page, app } = ctx
    const { voiceId } = await addModels(app, ctx.tempDir())
    const aiko = app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')!
    app.core.characters.update(aiko.id, { voice: { kind: 'neural', modelId: voiceId, speakerId: 1, speed: 1 } })
    const synthesized: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/api/voice.synthesize')) synthesized.push(request.postData() ?? '')
    })
    await page.addInitScript(RECORD_AUDIO)
    const greeting = await speakGreeting(page, app.server.url)
    const played = await page.evaluate<{ seconds: number; playbackRate: number; ended: boolean }[]>('window.__played')
    const sentences = splitSpeakable((await greeting.locator('.bubble-text').textContent()) ?? '').filter(
      (p) => p.kind === 'speech'
    )
    expect(synthesized).toHaveLength(sentences.length)
    expect(synthesized.every((body) => body.includes('"speakerId":1'))).toBe(true)
    expect(played).toHaveLength(sentences.length)
    for (const entry of played) {
      expect(entry.seconds).toBeGreaterThan(0)
      expect(entry.ended).toBe(true)
    }
  })

  it("a multi-speaker voice: a speaker per emotion is set in the editor, and a sad reply is read by sadness's speaker", async () => {
    const { page, app } = ctx
    const { voiceId } = await addModels(app, ctx.tempDir())
    const aiko = app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')!
    app.core.characters.update(aiko.id, { voice: { kind: 'neural', modelId: voiceId, speakerId: 0, speed: 1 } })
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    await page.getByTestId('nav-characters').click()
    await page.getByRole('button', { name: /edit/i }).first().click()
    const picker = page.getByTestId('voice-picker')
    await picker.getByTestId('voice-emotion-speakers').locator('summary').click()
    await picker.getByTestId('voice-speaker-sadness').fill('1')
    await page.getByTestId('save-character').click()
    await expect
      .poll(() => app.core.characters.get(aiko.id).voice)
      .toEqual({ kind: 'neural', modelId: voiceId, speakerId: 0, speed: 1, speakerByEmotion: { sadness: 1 } })

    const greetingId = (app.core.db.prepare("SELECT id FROM messages WHERE role = 'assistant'").get() as { id: string })
      .id
    const speakersOfGreeting = async (label: 'sadness' | 'joy'): Promise<number[]> => {
      app.core.messages.setEmotion(greetingId, { label, confidence: 0.9, fineLabel: label })
      const bodies: string[] = []
      const record = (request: { url(): string; postData(): string | null }): void => {
        if (request.url().endsWith('/api/voice.synthesize')) bodies.push(request.postData() ?? '')
      }
      page.on('request', record)
      await speakGreeting(page, app.server.url)
      page.off('request', record)
      return bodies.map((body) => Number(/"speakerId":(\d+)/.exec(body)?.[1] ?? -1))
    }
    const sad = await speakersOfGreeting('sadness')
    expect(sad.length).toBeGreaterThan(0)
    expect(new Set(sad)).toEqual(new Set([1]))
    expect(new Set(await speakersOfGreeting('joy'))).toEqual(new Set([0]))
  })

  it('a voice call: speech from the microphone ends a turn, the reply is spoken, speaking again cuts it', async () => {
    const { page, app } = ctx
    // 4 kHz: a sentence of 40 characters lasts 2.5 s, so the user can be heard while it plays.
    const { voiceId } = await addModels(app, ctx.tempDir(), 4000)
    // A long reply, so the character has more to say when the user cuts in.
    app.core.settings.update({ sampling: { maxTokens: 400 } })
    await app.core.runtime.load({ path: storiesModel })
    const aiko = app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')!
    app.core.characters.update(aiko.id, { voice: { kind: 'neural', modelId: voiceId, speakerId: 0, speed: 1 } })
    await page.addInitScript(RECORD_AUDIO)
    await page.addInitScript(CONTROLLED_MICROPHONE)
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    await page.getByTestId('start-call').click()
    const status = page.getByTestId('call-status')
    await expect.poll(() => page.evaluate('typeof window.__say'), { timeout: 15_000 }).toBe('function')
    await page.evaluate('window.__say(0, 2.6)')
    await expect.poll(() => status.getAttribute('data-speaker'), { timeout: 15_000 }).toBe('you')
    await screenshot(page, 'voice-call')
    // The pause after "And so, my fellow Americans" ends the turn: what was heard is sent as the user's message.
    await page.getByTestId('call-heard').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('message-user').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    // The reply is spoken through the character's voice; the user talks over one of its sentences...
    const chatId = app.core.chat.listFor({ characterId: aiko.id })[0]!.id
    const userMessages = (): Message[] => app.core.messages.list(chatId).filter((m) => m.role === 'user')
    const saidBefore = userMessages().length
    await page.evaluate(`${SAY_OVER_NEXT_SENTENCE}([3.1, 4.6])`)
    // ...which stops at once: when the user starts talking, before what they said has even become a message (a new
    // reply would stop the old one's voice too, but only after that).
    const firstCut = async (): Promise<{ cutAt: number } | undefined> =>
      (await page.evaluate<{ cut: boolean; cutAt: number }[]>('window.__played')).find((p) => p.cut)
    await expect.poll(firstCut, { timeout: 30_000 }).toBeDefined()
    await expect.poll(() => userMessages().length, { timeout: 30_000 }).toBe(saidBefore + 1)
    expect((await firstCut())!.cutAt).toBeLessThan(Date.parse(userMessages().at(-1)!.createdAt))
    await page.getByTestId('end-call').click()
    await page.getByTestId('call-screen').waitFor({ state: 'detached' })
  })
})
