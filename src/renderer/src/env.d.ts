import type { BridgeApi } from '../../shared/contract'

declare global {
  interface Window {
    api: BridgeApi
  }
}
