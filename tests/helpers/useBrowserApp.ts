import type { Browser, Page } from 'playwright-core'
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
  options: { viewport?: { width: number; height: number }; prepare?: (app: TestServer) => Promise<void> } = {}
): BrowserApp {
  const tempDir = useTempDir()
  let browser: Browser | null = null
  let app: TestServer | null = null
  let page: Page | null = null
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    app = await startTestServer(tempDir())
    await options.prepare?.(app)
    page = await browser!.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } })
  })
  afterEach(async () => {
    await page?.close()
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
