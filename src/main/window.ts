import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'

export interface WindowBounds {
  width: number
  height: number
  x?: number
  y?: number
}

/** The app window: isolated, sandboxed, no Node in the page, no new windows (links open in the browser). */
export function createMainWindow(bounds: WindowBounds, preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Ai Anime',
    backgroundColor: '#14121c',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    }
  })
  window.once('ready-to-show', () => window.show())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (devUrl) void window.loadURL(devUrl)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}
