import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const artifactsDir = join(process.cwd(), 'test-artifacts')

/** Debian's Chromium, headless, with no network chatter (this machine has no internet); `env` adds to ours. */
export async function launchBrowser(extraArgs: string[] = [], env?: Record<string, string>): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...(env ? { env: { ...(process.env as Record<string, string>), ...env } } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs
    ]
  })
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true })
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true })
}

/** Opens the app and waits for its event stream: a reply sent before that is connected would stream unseen. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForFunction('window.__apiEventsReady === true')
}
