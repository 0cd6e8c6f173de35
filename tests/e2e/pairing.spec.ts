import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchBrowser, openApp, screenshot } from '../helpers/browser'
import { useTempDir } from '../helpers/tempDir'
import { startTestServer, type TestServer } from '../helpers/testServer'

/**
 * The phone is a second Chromium context. Its address is phone.test, which Chromium resolves to 127.0.0.1 (no traffic
 * leaves the machine) but, not being localhost, is an insecure origin as a LAN address over plain HTTP is.
 */
const PHONE_HOST = 'phone.test'
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'

describe('Use on your phone: LAN access, pairing by QR code, revoking', () => {
  const tempDir = useTempDir()
  let browser: Browser
  let app: TestServer
  let desktop: Page
  let phone: Page
  beforeAll(async () => {
    browser = await launchBrowser([`--host-resolver-rules=MAP ${PHONE_HOST} 127.0.0.1`])
  })
  afterAll(async () => {
    await browser.close()
  })
  beforeEach(async () => {
    app = await startTestServer(tempDir())
    desktop = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage()
    phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
        userAgent: ANDROID_CHROME
      })
    ).newPage()
  })
  afterEach(async () => {
    await desktop.context().close()
    await phone.context().close()
    await app.close()
  })

  /** The QR code's address, sent to this machine under the phone's host name instead of the LAN address. */
  const asPhoneUrl = (url: string): string => {
    const parsed = new URL(url)
    parsed.hostname = PHONE_HOST
    return parsed.toString()
  }

  it('turns LAN access on, pairs a phone from the QR code, keeps it paired, and removes it at once', async () => {
    await openApp(desktop, app.server.url)
    await desktop.getByTestId('nav-phone').click()
    await expect.poll(() => desktop.getByTestId('lan-state').textContent()).toBe('Off')
    await desktop.getByTestId('lan-toggle').click()
    await expect.poll(() => desktop.getByTestId('lan-state').textContent()).toMatch(/^On: http:\/\//)
    await desktop.getByTestId('pair-start').click()
    const qr = desktop.getByTestId('pairing-qr')
    await qr.waitFor()
    await expect
      .poll(() =>
        qr.evaluate((img) => {
          const image = img as unknown as { complete: boolean; naturalWidth: number }
          return image.complete && image.naturalWidth > 0
        })
      )
      .toBe(true)
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    const pairingUrl = (await desktop.getByTestId('pairing-url').textContent())!
    expect(pairingUrl).toMatch(/\?pair=[\w-]{20,}$/)
    await screenshot(desktop, 'pairing-desktop-qr')

    await openApp(phone, asPhoneUrl(pairingUrl))
    // The pairing token leaves the address bar at once; the device token stays in the phone's storage.
    expect(new URL(phone.url()).search).toBe('')
    await phone.getByTestId('messages').getByText('What kind of story').waitFor()
    const deviceToken = await phone.evaluate<string | null>("localStorage.getItem('ai-anime-device-token')")
    expect(deviceToken).toMatch(/^[\w-]{40,}$/)
    await expect.poll(() => desktop.getByTestId('paired-device').count(), { timeout: 10_000 }).toBe(1)
    expect(await desktop.getByTestId('paired-device').textContent()).toContain('Android phone')

    // Opened again later (the home-screen icon opens the bare address): still paired.
    await openApp(phone, new URL('/', asPhoneUrl(pairingUrl)).toString())
    await phone.getByTestId('messages').getByText('What kind of story').waitFor()
    // Over plain HTTP on the LAN the phone is told the microphone is off, instead of voice failing silently.
    await phone.getByTestId('drawer-toggle').tap()
    await phone.getByTestId('nav-phone').tap()
    await phone.getByTestId('insecure-here').waitFor()
    expect(await phone.evaluate('window.isSecureContext')).toBe(false)
    // And a phone cannot manage pairing itself.
    await expect.poll(() => phone.getByTestId('error').textContent()).toMatch(/on the computer/)
    await phone.waitForTimeout(300) // the drawer's slide
    await screenshot(phone, 'pairing-phone-panel')
    expect(await desktop.evaluate('window.isSecureContext')).toBe(true)
    expect(await desktop.getByTestId('insecure-here').count()).toBe(0)

    await desktop.getByTestId('revoke-device').click()
    await expect.poll(() => desktop.getByTestId('paired-device').count()).toBe(0)
    await phone.goto(new URL('/', asPhoneUrl(pairingUrl)).toString())
    await expect.poll(() => phone.getByTestId('error').first().textContent()).toMatch(/not paired/)
  })

  it('serves an installable web app manifest with icons that load', async () => {
    await openApp(desktop, app.server.url)
    const href = await desktop.locator('link[rel=manifest]').getAttribute('href')
    const manifestUrl = new URL(href!, desktop.url()).toString()
    const response = await desktop.request.get(manifestUrl)
    expect(response.headers()['content-type']).toBe('application/manifest+json')
    const manifest = (await response.json()) as {
      name: string
      display: string
      start_url: string
      theme_color: string
      icons: { src: string; sizes: string; type: string }[]
    }
    expect(manifest).toMatchObject({ name: 'Ai Anime', display: 'standalone', theme_color: '#14121c' })
    expect(new URL(manifest.start_url, manifestUrl).toString()).toBe(app.server.url)
    const sizes = manifest.icons.filter((icon) => icon.type === 'image/png').map((icon) => icon.sizes)
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']))
    for (const icon of manifest.icons) {
      const url = new URL(icon.src, manifestUrl).toString()
      const loaded = await desktop.evaluate<[number, number]>(
        `new Promise((resolve, reject) => { const img = new Image(); img.onload = () => resolve([img.naturalWidth, img.naturalHeight]); img.onerror = reject; img.src = ${JSON.stringify(url)} })`
      )
      if (icon.sizes !== 'any') expect(loaded).toEqual(icon.sizes.split('x').map(Number))
      else expect(loaded[0]).toBeGreaterThan(0)
    }
  })
})
