/** Builds window.api from the contract's method list: one bridged function per method, plus `on` for events. */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { API_METHODS, EVENT_CHANNEL, channelOf, type ApiEventName } from '../shared/contract'

const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
for (const method of API_METHODS) {
  const [namespace, name] = method.split('.') as [string, string]
  api[namespace] ??= {}
  api[namespace][name] = (input: unknown) => ipcRenderer.invoke(channelOf(method), input ?? {})
}

function on(event: ApiEventName, listener: (payload: unknown) => void): () => void {
  const handler = (_: unknown, message: { event: string; payload: unknown }): void => {
    if (message.event === event) listener(message.payload)
  }
  ipcRenderer.on(EVENT_CHANNEL, handler)
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler)
}

contextBridge.exposeInMainWorld('api', { ...api, on, pathForFile: (file: File) => webUtils.getPathForFile(file) })
