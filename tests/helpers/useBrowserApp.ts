import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { launchBrowser } from './browser'
import { useTempDir } from './tempDir'
import { startTestServer, type TestServer } from './testServer'

export interface BrowserApp {
  /** The real core behind the HTTP transport, fresh for each test. */
  readonly app: TestServer
  /** A new Chromium page for each test. */
  readonly page: Page
  tempDir(): string
}

/** One headless Chromium per file; per test a fresh data folder, core, HTTP server and page. */
export function useBrowserApp(
  options: {
    viewport?: { width: number; height: number }
    /** Further page options: touch and mobile emulation, `bypassCSP` for injected checks such as axe-core. */
    context?: BrowserContextOptions
    prepare?: (app: TestServer) => Promise<void>
    /** Further Chromium switches and environment for the file's browser (system voices, a fake microphone). */
    launch?: () => { args?: string[]; env?: Record<string, string> }
  } = {}
): BrowserApp {
  const tempDir = useTempDir()
  let browser: Browser | null = null
  let app: TestServer | null = null
  let page: Page | null = null
  beforeAll(async () => {
    const launch = options.launch?.() ?? {}
    browser = await launchBrowser(launch.args, launch.env)
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    app = await startTestServer(tempDir())
    await options.prepare?.(app)
    // A context of its own per page: axe-core's Playwright builder refuses pages made by browser.newPage().
    const context = await browser!.newContext({
      ...options.context,
      viewport: options.viewport ?? { width: 1280, height: 900 }
    })
    page = await context.newPage()
  })
  afterEach(async () => {
    await page?.context().close()
    await app?.close()
  })
  return {
    get app() {
      return app!
    },
    get page() {
      return page!
    },
    tempDir
  }
}
