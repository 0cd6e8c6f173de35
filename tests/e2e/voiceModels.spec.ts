import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { startFakeHfHub, type FakeHfHub } from '../helpers/fakeHfHub'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../helpers/onnx/writeTinyVoiceModels'
import { resourcesDir } from '../helpers/sharedPaths'
import { useTempDir } from '../helpers/tempDir'
import { useBrowserApp } from '../helpers/useBrowserApp'

const IPULL_BLOCK = 5 * 1024 * 1024

const modelNamed = (panel: Locator, name: string): Locator =>
  panel.getByTestId('voice-model').filter({ has: panel.page().getByText(name, { exact: true }) })

async function openVoiceModels(page: Page, url: string): Promise<Locator> {
  await openApp(page, url)
  await page.getByTestId('nav-models').click()
  const panel = page.getByTestId('voice-models')
  await panel
    .getByText(/No voice models yet|Voice \(|Recogniser \(/)
    .first()
    .waitFor()
  return panel
}

/** Adds a folder through the panel; resolves the error shown, or null once the folder is listed. */
async function addFolder(panel: Locator, path: string): Promise<string | null> {
  const error = panel.getByTestId('error')
  // The previous refusal goes first, so the one awaited below is this folder's.
  if ((await error.count()) > 0) await error.getByRole('button', { name: 'Dismiss' }).click()
  await panel.getByTestId('voice-model-path').fill(path)
  await panel.getByTestId('voice-model-add').click()
  await expect
    .poll(async () => (await error.count()) > 0 || (await panel.getByTestId('voice-model-path').inputValue()) === '')
    .toBe(true)
  return (await error.count()) > 0 ? await error.textContent() : null
}

describe('browser mode: voice models on the Models screen', () => {
  const files = useTempDir()
  let hub: FakeHfHub
  const previousEndpoint = process.env.HF_ENDPOINT
  beforeAll(async () => {
    const source = writeTinyVitsVoice(join(files(), 'hub-voice'), { speakers: 2 })
    const ctc = writeTinyCtcRecognizer(join(files(), 'hub-ctc'))
    // ipull keeps a transfer's progress in blocks of 5 MiB: each file arrives at once up to just past its first block,
    // then its rest trickles in (the voice's model card: about four seconds), to pause or cancel midway.
    hub = await startFakeHfHub(
      {
        'csukuangfj/vits-tiny': {
          files: {
            'model.onnx': readFileSync(join(source, 'model.onnx')),
            'tokens.txt': readFileSync(join(source, 'tokens.txt')),
            MODEL_CARD: Buffer.concat([Buffer.from('License: CC BY 4.0\n'), Buffer.alloc(IPULL_BLOCK + 80_000, 35)])
          }
        },
        'csukuangfj/ctc-tiny': {
          files: {
            'model.onnx': readFileSync(join(ctc, 'model.onnx')),
            'tokens.txt': readFileSync(join(ctc, 'tokens.txt')),
            // Its tail trickles in for about twenty seconds: the download is certainly cancelled midway.
            'README.md': Buffer.alloc(IPULL_BLOCK + 400_000, 35)
          }
        }
      },
      { chunkBytes: 2048, chunkDelayMs: 100, fastBytes: IPULL_BLOCK + 4096 }
    )
    // The core reads the hub's address from the environment when it starts (config.ts), as a mirror is set.
    process.env.HF_ENDPOINT = hub.endpoint
  })
  afterAll(async () => {
    if (previousEndpoint === undefined) delete process.env.HF_ENDPOINT
    else process.env.HF_ENDPOINT = previousEndpoint
    await hub.close()
  })
  const ctx = useBrowserApp({ viewport: { width: 1280, height: 1400 } })

  it('adds voices and recognisers from folders, refuses bad folders clearly, uses them, and removes them', async () => {
    const { page, app } = ctx
    const dir = ctx.tempDir()
    const voice = writeTinyVitsVoice(join(dir, 'amy-tiny'), { speakers: 2 })
    const first = writeTinyCtcRecognizer(join(dir, 'ctc-first'))
    const second = writeTinyCtcRecognizer(join(dir, 'ctc-second'), 9)
    const damaged = writeTinyVitsVoice(join(dir, 'damaged'))
    writeFileSync(join(damaged, 'model.onnx'), readFileSync(join(damaged, 'model.onnx')).subarray(0, 5000))
    const vad = join(dir, 'vad')
    mkdirSync(vad)
    copyFileSync(join(resourcesDir, 'voice', 'silero_vad.onnx'), join(vad, 'silero_vad.onnx'))

    const panel = await openVoiceModels(page, app.server.url)
    await panel.getByTestId('voice-models-empty').waitFor()
    expect(await addFolder(panel, join(dir, 'nowhere'))).toMatch(/does not exist/)
    expect(await addFolder(panel, damaged)).toMatch(/not a valid ONNX model/)
    expect(await addFolder(panel, vad)).toMatch(/neither a voice .* nor a speech recogniser/)
    expect(await app.core.voice.models()).toEqual([])

    // After the refusals the screen still works: a good folder is added and the error goes away.
    expect(await addFolder(panel, voice)).toBeNull()
    const amy = modelNamed(panel, 'amy-tiny')
    await expect.poll(() => amy.getByTestId('voice-model-kind').textContent()).toBe('Voice (text to speech) · VITS')
    expect(await amy.textContent()).toContain('Speakers2')
    expect(await addFolder(panel, first)).toBeNull()
    expect(await addFolder(panel, second)).toBeNull()
    await expect.poll(() => panel.getByTestId('voice-model').count()).toBe(3)
    const firstItem = modelNamed(panel, 'ctc-first')
    const secondItem = modelNamed(panel, 'ctc-second')
    expect(await firstItem.getByTestId('voice-model-kind').textContent()).toMatch(/^Recogniser \(speech to text\) · /)
    // With no choice made the first recogniser is the one the microphone uses; the user picks the other.
    await firstItem.getByTestId('voice-model-in-use').waitFor()
    await secondItem.getByTestId('voice-model-use-stt').click()
    await secondItem.getByTestId('voice-model-in-use').waitFor()
    expect(await firstItem.getByTestId('voice-model-use-stt').isVisible()).toBe(true)
    const models = await app.core.voice.models()
    const secondId = models.find((m) => m.name === 'ctc-second')!.id
    const voiceId = models.find((m) => m.name === 'amy-tiny')!.id
    expect(app.core.settings.get().voice.sttModelId).toBe(secondId)
    await screenshot(page, 'voice-models-panel')

    // The microphone opens its session with the chosen recogniser (this browser has no microphone at all).
    const listenStarts: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/api/voice.listenStart')) listenStarts.push(request.postData() ?? '')
    })
    await page.getByTestId('character-list').getByText('Aiko').click()
    await page.getByTestId('mic').click()
    await expect.poll(() => listenStarts.length).toBe(1)
    expect(JSON.parse(listenStarts[0]!)).toMatchObject({ modelId: secondId })

    // The voice is offered in the character editor and saved with the character.
    await page.getByTestId('nav-characters').click()
    await page.getByRole('button', { name: /edit/i }).first().click()
    const picker = page.getByTestId('voice-picker')
    await picker.getByTestId('voice-kind').selectOption('neural')
    await expect.poll(() => picker.getByTestId('voice-model').inputValue()).toBe(voiceId)
    await picker.getByTestId('voice-speaker').fill('1')
    await page.getByTestId('save-character').click()
    await expect
      .poll(() => app.core.characters.list(app.core.userId).find((c) => c.name === 'Aiko')?.voice)
      .toEqual({ kind: 'neural', modelId: voiceId, speakerId: 1, speed: 1 })

    // Removing forgets the folders (their files stay); removing the chosen recogniser goes back to the first.
    await page.getByTestId('nav-models').click()
    await modelNamed(panel, 'amy-tiny').getByTestId('voice-model-remove').click()
    await modelNamed(panel, 'ctc-second').getByTestId('voice-model-remove').click()
    await expect.poll(() => panel.getByTestId('voice-model').count()).toBe(1)
    await modelNamed(panel, 'ctc-first').getByTestId('voice-model-in-use').waitFor()
    expect((await app.core.voice.models()).map((m) => m.name)).toEqual(['ctc-first'])
    expect(app.core.settings.get().voice.sttModelId).toBeNull()
    expect(existsSync(join(voice, 'model.onnx'))).toBe(true)
  })

  it('downloads a voice from a Hugging Face repository with progress, pause and resume; a cancelled one leaves nothing', async () => {
    const { page, app } = ctx
    const panel = await openVoiceModels(page, app.server.url)
    const repo = panel.getByTestId('voice-model-repo')
    await repo.fill('not a repository')
    await panel.getByTestId('voice-model-download').click()
    await expect.poll(() => panel.getByTestId('error').textContent()).toMatch(/user\/repo/)

    await repo.fill('https://huggingface.co/csukuangfj/vits-tiny')
    await panel.getByTestId('voice-model-download').click()
    const item = panel.getByTestId('download-item').first()
    const progress = item.getByRole('progressbar')
    await expect
      .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 15_000 })
      .toBeGreaterThan(0)
    // Paused once the first block of the model card has been kept, while the rest still trickles in.
    await expect
      .poll(() => app.core.downloads.list()[0]?.receivedBytes ?? 0, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(IPULL_BLOCK)
    await item.getByRole('button', { name: 'Pause' }).click()
    await expect.poll(() => item.getAttribute('data-state')).toBe('paused')
    const paused = app.core.downloads.list()[0]!
    expect(paused.receivedBytes).toBeLessThan(paused.totalBytes!)
    await item.getByRole('button', { name: 'Resume' }).click()
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 30_000 }).toBe('done')
    const downloaded = modelNamed(panel, 'csukuangfj--vits-tiny')
    await expect
      .poll(() => downloaded.getByTestId('voice-model-kind').textContent())
      .toBe('Voice (text to speech) · VITS')
    expect(await downloaded.textContent()).toContain('License: CC BY 4.0')
    // It is shown here only, not again among the chat model downloads.
    expect(await page.getByTestId('download-item').count()).toBe(await panel.getByTestId('download-item').count())
    // A download lives in the app's voice folder: it is not removed from the list, its folder is deleted.
    expect(await downloaded.getByTestId('voice-model-remove').count()).toBe(0)
    // The resumed transfer asked for the model card from its first kept block on, not from the start.
    expect(hub.requests).toContain(
      `GET /csukuangfj/vits-tiny/resolve/main/MODEL_CARD bytes=${IPULL_BLOCK}-${IPULL_BLOCK + 80_018}`
    )

    await repo.fill('csukuangfj/ctc-tiny')
    await panel.getByTestId('voice-model-download').click()
    const cancelled = panel.getByTestId('download-item').first()
    await expect.poll(() => cancelled.textContent()).toContain('ctc-tiny')
    await cancelled.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => cancelled.getAttribute('data-state')).toBe('cancelled')
    const voiceDir = join(app.core.config.modelsDir, 'voice')
    // The cancelled state is announced as the transfer stops; its partial files are removed right after.
    await expect.poll(() => existsSync(join(voiceDir, 'csukuangfj--ctc-tiny.part'))).toBe(false)
    expect(existsSync(join(voiceDir, 'csukuangfj--ctc-tiny'))).toBe(false)
    expect((await app.core.voice.models()).map((m) => m.name)).toEqual(['csukuangfj--vits-tiny'])
    await screenshot(page, 'voice-models-download')
  })
})
