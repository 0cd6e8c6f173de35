import { ipcMain, type BrowserWindow } from 'electron'
import { API_METHODS, EVENT_CHANNEL, channelOf } from '../../shared/contract'
import type { EventBus } from '../util/EventBus'
import { dispatch } from './dispatch'
import type { Handlers } from './handlers'

/** Electron transport: one ipcMain handler per contract method; only our own window may call. */
export function bindElectronIpc(window: BrowserWindow, handlers: Handlers, events: EventBus): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), (event, input: unknown) => {
      if (event.sender !== window.webContents) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Calls are only accepted from the app window.' } }
      }
      return dispatch(handlers, method, input)
    })
  }
  const unsubscribe = events.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, { event, payload })
  })
  return () => {
    unsubscribe()
    for (const method of API_METHODS) ipcMain.removeHandler(channelOf(method))
  }
}
