/** Electron entry: turns Electron facts (paths, window, IPC) into plain values for the core. */
import { app, dialog } from 'electron'
import Store from 'electron-store'
import { join } from 'node:path'
import { buildConfig } from './config'
import { CoreHost } from './CoreHost'
import { createHandlers } from './ipc/handlers'
import { bindElectronIpc } from './ipc/electronIpc'
import { attachLanListener } from './ipc/attachLanListener'
import { LanAccess } from './pairing/LanAccess'
import { createMainWindow, type WindowBounds } from './window'
import { installProcessGuards } from './util/installProcessGuards'

interface ShellState {
  windowBounds: WindowBounds
  lastModelPath: string | null
}

const store = new Store<ShellState>({ defaults: { windowBounds: { width: 1200, height: 800 }, lastModelPath: null } })
let host: CoreHost | null = null
let lan: LanAccess | null = null

// A bad file or a race fails its own request with a typed error; anything that still escapes is logged and the
// window stays open. The crash dialog is the last resort, for a loop of failures the app cannot get out of.
installProcessGuards('main', {
  onFatal: (error) => {
    dialog.showErrorBox(
      'Ai Anime keeps failing',
      `${error instanceof Error ? error.message : String(error)}\n\nYour chats are saved. The app will close now; open it again.`
    )
    app.exit(1)
  }
})

async function start(): Promise<void> {
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources')
  const config = buildConfig({ dataDir: app.getPath('userData'), resourcesDir, version: app.getVersion() })
  host = await CoreHost.open(config)
  const core = host.view
  // "Use on your phone": the window stays on IPC; phones reach the same core over HTTP, once the user turns it on.
  lan = LanAccess.open(config)
  await attachLanListener(
    lan,
    core,
    createHandlers(core, 'http', { host, lan }),
    join(import.meta.dirname, '../renderer')
  )
  const window = createMainWindow(store.get('windowBounds'), join(import.meta.dirname, '../preload/index.cjs'))
  const dialogs = {
    chooseSavePath: async (defaultName: string) =>
      (
        await dialog.showSaveDialog(window, {
          defaultPath: defaultName,
          filters: [{ name: 'Backup', extensions: ['zip'] }]
        })
      ).filePath || null,
    chooseOpenPath: async () =>
      (
        await dialog.showOpenDialog(window, {
          properties: ['openFile'],
          filters: [{ name: 'Backup', extensions: ['zip'] }]
        })
      ).filePaths[0] ?? null
  }
  const unbind = bindElectronIpc(window, createHandlers(core, 'electron', { host, dialogs, lan }), core.events)
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (event === 'models.status' && 'state' in payload && payload.state === 'loaded')
      store.set('lastModelPath', payload.path)
  })
  window.on('close', () => store.set('windowBounds', window.getBounds()))
  window.on('closed', () => {
    unsubscribe()
    unbind()
  })
  const lastModel = store.get('lastModelPath')
  if (lastModel) {
    createHandlers(core, 'electron')
      ['models.load']({ path: lastModel })
      .catch((error: unknown) => {
        console.warn('[main] could not reload the last model:', error)
      })
  }
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    dialog.showErrorBox('Ai Anime could not start', error instanceof Error ? error.message : String(error))
    app.quit()
  })

app.on('window-all-closed', () => app.quit())

app.on('will-quit', (event) => {
  if (!host) return
  event.preventDefault()
  const closing = host
  host = null
  void Promise.resolve(lan?.dispose())
    .then(() => closing.dispose())
    .finally(() => app.exit(0))
})
