import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, screenshot } from '../helpers/browser'
import { useBrowserApp } from '../helpers/useBrowserApp'
import { writeLoraAdapter } from '../helpers/gguf/writeLoraAdapter'
import { storiesModel, tinyLlamaModel } from '../helpers/sharedPaths'

describe('browser mode: the Models screen', () => {
  const ctx = useBrowserApp({ viewport: { width: 1280, height: 1400 } })
  let files: Server
  let fileUrl: string
  beforeAll(async () => {
    const bytes = readFileSync(tinyLlamaModel)
    files = createServer((_, res) =>
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes)
    )
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve))
    fileUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/llama-tiny.gguf`
  })
  afterAll(() => {
    files.close()
  })

  it('adds a model from disk, shows its metadata, loads it, attaches an adapter and downloads another model', async () => {
    const { page, app } = ctx
    const dir = ctx.tempDir()
    const model = join(dir, 'stories.gguf')
    copyFileSync(storiesModel, model)
    const adapter = join(dir, 'friendly.lora.gguf')
    writeFileSync(adapter, await writeLoraAdapter(storiesModel))
    await openApp(page, app.server.url)
    await page.getByTestId('nav-models').click()
    await page.getByTestId('model-path').fill(model)
    await page.getByTestId('model-add').click()
    const facts = page.getByTestId('model-facts').first()
    await expect.poll(() => facts.textContent()).toContain('llama')
    expect(await facts.textContent()).toContain('2048')
    await page.getByTestId('model-load').click()
    await page
      .getByTestId('model-status')
      .getByText(/^Loaded /)
      .waitFor()
    await page.getByTestId('lora-path').fill(adapter)
    await page.getByTestId('lora-add').click()
    await page.getByTestId('lora-applied').waitFor()
    expect((await app.core.runtime.status()).loras).toEqual([{ path: adapter, scale: 1 }])
    await page.getByTestId('download-url').fill(fileUrl)
    await page.getByTestId('download-start').click()
    await page.getByTestId('download-item').getByText('done').waitFor()
    await expect.poll(async () => (await app.core.library.list()).map((m) => m.fileName)).toContain('llama-tiny.gguf')
    await screenshot(page, 'models-screen')
  })
})
