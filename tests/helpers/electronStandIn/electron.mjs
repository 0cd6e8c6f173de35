// A stand-in for the `electron` module, for loading the built main bundle in plain Node (Electron cannot run on the
// test machines). It records what the shell asks of Electron and drives its lifecycle: ready at once, then, once the
// window exists and start-up has run, every window closes; the shell should quit, dispose the core and exit 0.
// What it saw is written as JSON to ELECTRON_STAND_IN_REPORT when the shell exits.
import { EventEmitter } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dataDir = process.env.ELECTRON_STAND_IN_DATA_DIR
const seen = { handled: [], removed: [], windows: [], errorBoxes: [], quitPrevented: false, exitCode: null }

class App extends EventEmitter {
  isPackaged = false
  whenReady() {
    return Promise.resolve()
  }
  getPath(name) {
    const dir = join(dataDir, name)
    mkdirSync(dir, { recursive: true })
    return dir
  }
  getAppPath() {
    return process.cwd()
  }
  getVersion() {
    return '0.0.0-stand-in'
  }
  getName() {
    return 'ai-anime'
  }
  quit() {
    const event = { preventDefault: () => (seen.quitPrevented = true) }
    this.emit('before-quit', event)
    this.emit('will-quit', event)
    if (!seen.quitPrevented) this.exit(0)
  }
  exit(code = 0) {
    seen.exitCode = code
    writeFileSync(process.env.ELECTRON_STAND_IN_REPORT, JSON.stringify(seen))
    process.exit(code)
  }
}
export const app = new App()

class WebContents extends EventEmitter {
  setWindowOpenHandler(handler) {
    this.openHandler = handler
  }
  send() {}
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.webContents = new WebContents()
    this.destroyed = false
    seen.windows.push({ options, loaded: null })
    this.record = seen.windows.at(-1)
    // Start-up goes on synchronously after the window is made (IPC binding); the user closes it afterwards.
    setTimeout(() => {
      this.emit('close')
      this.destroyed = true
      this.emit('closed')
      app.emit('window-all-closed')
    }, 50)
  }
  loadFile(path) {
    this.record.loaded = { file: path }
    return Promise.resolve()
  }
  loadURL(url) {
    this.record.loaded = { url }
    return Promise.resolve()
  }
  show() {}
  isDestroyed() {
    return this.destroyed
  }
  getBounds() {
    return { x: 0, y: 0, width: 1200, height: 800 }
  }
}

export const ipcMain = {
  handle(channel) {
    seen.handled.push(channel)
  },
  removeHandler(channel) {
    seen.removed.push(channel)
  },
  on() {}
}

export const dialog = {
  showErrorBox(title, message) {
    seen.errorBoxes.push(`${title}: ${message}`)
  },
  showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
  showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] })
}

export const shell = { openExternal: () => Promise.resolve() }

export default { app, BrowserWindow, ipcMain, dialog, shell }
