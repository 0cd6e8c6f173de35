import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const rendererDir = join(process.cwd(), 'out', 'renderer')

/** The built UI that browser mode serves; built once if missing, as `npm run serve` would need it. */
export function ensureRendererBuilt(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
  })
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
  })
}

// Run inside the page, so written as source text: the bench has no DOM types.
const isShown = (
  text: string
): string => `[...document.querySelectorAll('[data-message-id] .bubble-text')].some((t) => {
  if (t.textContent !== ${JSON.stringify(text)}) return false
  const r = t.getBoundingClientRect()
  return r.height > 0 && r.top < window.innerHeight && r.bottom > 0
})`

/** Milliseconds from navigation to the newest message visible, on a fresh page; the page stays open. */
export async function measureOpen(browser: Browser, url: string, newest: string): Promise<{ ms: number; page: Page }> {
  // waitForFunction evaluates its predicate in the page, which the app's CSP (no eval) would refuse.
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, bypassCSP: true })
  const page = await context.newPage()
  const started = performance.now()
  await page.goto(url)
  await page.waitForFunction(isShown(newest), undefined, { timeout: 120_000, polling: 'raf' })
  return { ms: performance.now() - started, page }
}

/**
 * Milliseconds to open a chat inside the running app (the chat picker), from the choice to its newest message
 * visible: what a user waits for when moving between chats, without the page's own load.
 */
export async function measureSwitch(page: Page, chatId: string, newest: string): Promise<number> {
  const started = performance.now()
  await page.getByTestId('chat-select').selectOption(chatId)
  await page.waitForFunction(isShown(newest), undefined, { timeout: 120_000, polling: 'raf' })
  return performance.now() - started
}

export function countDomNodes(page: Page): Promise<number> {
  return page.evaluate<number>('document.querySelectorAll("*").length')
}

/** Total main-thread long-task time while a reply is sent through the UI and streams to its end. */
export async function measureStreamLongTasks(page: Page, text: string): Promise<number> {
  await page.evaluate(`(() => {
    window.__longTaskMs = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTaskMs += entry.duration
    }).observe({ type: 'longtask' })
  })()`)
  await page.getByTestId('composer').fill(text)
  await page.getByTestId('send').click()
  await page.getByTestId('stop').waitFor({ timeout: 60_000 })
  await page.getByTestId('send').waitFor({ timeout: 300_000 })
  return page.evaluate<number>('window.__longTaskMs')
}
