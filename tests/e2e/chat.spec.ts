import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { useBrowserApp } from '../helpers/useBrowserApp'
import { storiesModel } from '../helpers/sharedPaths'
import { useTempDir } from '../helpers/tempDir'

describe('browser mode: load a model and chat', () => {
  const ctx = useBrowserApp({
    viewport: { width: 1200, height: 800 },
    prepare: async (app) => {
      app.core.settings.update({ sampling: { maxTokens: 120 } })
    }
  })

  it('loads the GGUF with progress, sends a message and shows streamed text', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    // The Models screen reads its lists once: a re-read per render would flood the server while a model loads.
    const listReads: string[] = []
    page.on('request', (request) => request.url().endsWith('/api/models.recommended') && listReads.push(request.url()))
    await page.getByTestId('nav-models').click()
    await page.getByTestId('model-path').fill(storiesModel)
    await page.getByTestId('model-load').click()
    // 'Loaded' with a capital at the start: the empty status ('No model loaded yet') must not pass for it.
    await page
      .getByTestId('model-status')
      .getByText(/^Loaded /)
      .waitFor()
    await expect.poll(() => page.getByTestId('model-pill').textContent()).toContain('llama')
    expect(listReads).toHaveLength(1)
    await screenshot(page, 'models-loaded')

    await page.getByTestId('character-list').getByText('Aiko').click()
    await page.getByTestId('composer').fill('Hi Aiko, tell me a story!')
    await page.getByTestId('send').click()
    await page.getByTestId('message-user').getByText('Hi Aiko, tell me a story!').waitFor()
    // Streamed text appears while generating, then the saved reply replaces the stream.
    await expect
      .poll(async () => (await page.getByTestId('message-assistant').count()) >= 2, { timeout: 60_000 })
      .toBe(true)
    const reply = await page.getByTestId('message-assistant').last().textContent()
    expect(reply!.replace('Aiko', '').trim().length).toBeGreaterThan(0)
    await screenshot(page, 'chat-reply')
  })

  it('regenerates a reply as a second version, flips back, and stops a long reply', async () => {
    const { page, app } = ctx
    await app.core.runtime.load({ path: storiesModel })
    await openApp(page, app.server.url)
    await page.getByTestId('composer').fill('Tell me a story.')
    await page.getByTestId('send').click()
    await page.getByTestId('regenerate').waitFor({ timeout: 60_000 })
    await page.getByTestId('regenerate').click()
    await expect.poll(() => page.getByTestId('swipe-counter').textContent(), { timeout: 60_000 }).toBe('2/2')
    await page.getByRole('button', { name: 'Previous version' }).click()
    await expect.poll(() => page.getByTestId('swipe-counter').textContent()).toBe('1/2')

    app.core.settings.update({ sampling: { maxTokens: 4000 } })
    await page.getByTestId('composer').fill('And a very long one.')
    await page.getByTestId('send').click()
    // Stopped after some text, so there is a reply to keep and mark as stopped: one stopped before its first token
    // is dropped, which a slow machine made this test do now and then.
    const streamed = page.getByTestId('streaming-message')
    await expect
      .poll(async () => ((await streamed.textContent()) ?? '').length, { timeout: 60_000 })
      .toBeGreaterThan(30)
    await page.getByTestId('stop').click()
    await page.getByTestId('send').waitFor()
    // Exactly the mark: the story itself may say "stopped" (a CI run counted two).
    await expect.poll(() => page.getByTestId('messages').getByText('stopped', { exact: true }).count()).toBe(1)
    await screenshot(page, 'chat-swipes-and-stop')
  })

  it('shows a reply that ended before the answer to its send request came back', async () => {
    const { page, app } = ctx
    app.core.settings.update({ sampling: { maxTokens: 4 } })
    await app.core.runtime.load({ path: storiesModel })
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    // The order a short reply can take: its events come before the answer to chat.send.
    await page.route('**/api/chat.send', async (route) => {
      const response = await route.fetch()
      await new Promise((resolve) => setTimeout(resolve, 1500))
      await route.fulfill({ response })
    })
    const answered = page.waitForResponse('**/api/chat.send')
    await page.getByTestId('composer').fill('Hello there!')
    await page.getByTestId('send').click()
    await answered
    await expect.poll(() => page.getByTestId('message-assistant').count(), { timeout: 10_000 }).toBe(2)
    await page.getByTestId('send').waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('stop').count()).toBe(0)
  })

  it('ends a reply whose events never arrived (the event stream carried nothing)', async () => {
    const { page, app } = ctx
    app.core.settings.update({ sampling: { maxTokens: 4 } })
    await app.core.runtime.load({ path: storiesModel })
    // The stream opens, then ends at once and again on every reconnect: each event of the reply is lost.
    await page.route('**/api/events*', (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: '' })
    )
    await openApp(page, app.server.url)
    await page.getByTestId('messages').getByText('What kind of story').waitFor()
    await page.getByTestId('composer').fill('Hello there!')
    await page.getByTestId('send').click()
    await expect.poll(() => page.getByTestId('message-assistant').count(), { timeout: 15_000 }).toBe(2)
    await page.getByTestId('send').waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('stop').count()).toBe(0)
  })

  it('shows a clear error for a file that is not a GGUF, and keeps working', async () => {
    const { page, app } = ctx
    await openApp(page, app.server.url)
    await page.getByTestId('nav-models').click()
    await page.getByTestId('model-path').fill('/etc/hostname')
    await page.getByTestId('model-load').click()
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/not a GGUF model/)
    await page.getByTestId('model-path').fill(storiesModel)
    await page.getByTestId('model-load').click()
    await page
      .getByTestId('model-status')
      .getByText(/^Loaded /)
      .waitFor()
    await screenshot(page, 'model-error-then-loaded')
  })
})

describe('npm run serve', () => {
  const tempDir = useTempDir()

  it('starts the built server, prints its URL and answers the contract over HTTP', async () => {
    const child = spawn(process.execPath, ['out/main/serve.js', '--port', '0', '--data-dir', tempDir()], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        // stderr too: when serve exits early (a missing build, a crash at start) the failure says why.
        let err = ''
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const match = out.match(/running at (http:\/\/127\.0\.0\.1:\d+\/)/)
          if (match) resolve(match[1]!)
        })
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}\n${err}`)))
      })
      const info = await fetch(`${url}api/app.info`, { method: 'POST', body: '{}' }).then((r) => r.json())
      expect(info).toMatchObject({ ok: true, value: { transport: 'http' } })
      const html = await fetch(url).then((r) => r.text())
      expect(html).toContain('/api-shim.js')
      expect(html).toContain('Content-Security-Policy')
      // serve closes its database and data on SIGTERM: it must end cleanly, and before its data folder is removed
      // (removing it while serve still writes on its way out fails the cleanup with ENOTEMPTY).
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGKILL')
        await exited
      }
    }
  })
})
