/** The contract's pairing part: inputs, results and the pairing.* methods. */
import type { PairingStatus } from '../domain'
import type { IdInput } from './common'

/** A one-time code to show as a QR code: the address a phone opens, with the pairing token in it. */
export interface PairingStartResult {
  url: string
  expiresAt: string
}

/** "Use on your phone": LAN access and paired devices. Refused over the LAN itself (a phone cannot pair others). */
export interface PairingApi {
  status(input: Record<string, never>): Promise<PairingStatus>
  setLan(input: { isOn: boolean }): Promise<PairingStatus>
  start(input: Record<string, never>): Promise<PairingStartResult>
  revoke(input: IdInput): Promise<PairingStatus>
}
