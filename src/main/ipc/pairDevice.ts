import type { WireResult } from '../../shared/contract'
import { toErrorInfo } from '../../shared/errors'
import { describeDevice } from '../pairing/describeDevice'
import type { DeviceGate } from './httpAuth'

/**
 * `POST /pair {pairingToken}`: a phone that opened the QR code's address trades the one-time pairing token for a
 * device token it keeps. Named from its User-Agent, so the computer can list and revoke it.
 */
export function pairDevice(
  body: Buffer | null,
  userAgent: string | undefined,
  devices: DeviceGate
): { status: number; body: WireResult<{ deviceToken: string }> } {
  let pairingToken: unknown
  try {
    pairingToken = (JSON.parse(body?.toString('utf8') ?? '') as { pairingToken?: unknown }).pairingToken
  } catch (cause) {
    void cause
    return invalid('The request body is not valid JSON.')
  }
  if (typeof pairingToken !== 'string' || pairingToken.length === 0 || pairingToken.length > 200)
    return invalid('Give the pairing code from the QR code.')
  try {
    const { deviceToken } = devices.pair(pairingToken, describeDevice(userAgent))
    return { status: 200, body: { ok: true, value: { deviceToken } } }
  } catch (error) {
    const info = toErrorInfo(error)
    return { status: info.code === 'UNAUTHORIZED' ? 401 : 500, body: { ok: false, error: info } }
  }
}

function invalid(message: string): { status: number; body: WireResult<never> } {
  return { status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', message } } }
}
