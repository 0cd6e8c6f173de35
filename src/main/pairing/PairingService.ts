import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { PairedDevice } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { newId } from '../util/ids'

/** A pairing code is good for this long after it is shown: long enough to find the phone, short enough to leak little. */
const PAIRING_TTL_MS = 10 * 60_000
/** Last use is written at most this often, so a chatting phone does not rewrite the file on every request. */
const LAST_USED_WRITE_MS = 60_000

interface StoredDevice extends PairedDevice {
  /** sha256 of the device token, hex: the token itself is never stored. */
  tokenHash: string
}

interface StoredState {
  version: 1
  isLanOn: boolean
  lanPort: number | null
  devices: StoredDevice[]
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/**
 * Phones and tablets allowed to reach the app over the home network. A one-time pairing token (in the QR code)
 * is exchanged for a device token the phone keeps; only hashes are kept here and in `<dataDir>/paired-devices.json`,
 * compared in constant time. Revoking removes the hash, so the next request of that device is refused.
 */
export class PairingService {
  private state: StoredState
  private readonly pending = new Map<string, number>()
  private lastWrite = 0

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now
  ) {
    this.state = existsSync(file) ? readState(file) : { version: 1, isLanOn: false, lanPort: null, devices: [] }
  }

  get isLanOn(): boolean {
    return this.state.isLanOn
  }

  get lanPort(): number | null {
    return this.state.lanPort
  }

  setLan(isOn: boolean, port: number | null = this.state.lanPort): void {
    this.state = { ...this.state, isLanOn: isOn, lanPort: port }
    // Turning LAN access off also voids codes not yet scanned.
    if (!isOn) this.pending.clear()
    this.save()
  }

  /** A new one-time pairing token; the caller puts it in the QR code. */
  startPairing(): { token: string; expiresAt: string } {
    const token = randomBytes(24).toString('base64url')
    const expiresAt = this.now() + PAIRING_TTL_MS
    this.pending.set(sha256(token).toString('hex'), expiresAt)
    return { token, expiresAt: new Date(expiresAt).toISOString() }
  }

  /** Exchanges a pairing token (once) for a device token the device keeps. */
  pair(pairingToken: string, name: string): { deviceId: string; deviceToken: string } {
    const hash = sha256(pairingToken)
    let matched: string | null = null
    for (const [key, expiresAt] of this.pending) {
      if (expiresAt < this.now()) this.pending.delete(key)
      else if (timingSafeEqual(Buffer.from(key, 'hex'), hash)) matched = key
    }
    if (!matched)
      throw new AppError('UNAUTHORIZED', 'This pairing code is used up or expired. Show a new one on the computer.')
    this.pending.delete(matched)
    const deviceToken = randomBytes(32).toString('base64url')
    const at = new Date(this.now()).toISOString()
    const device: StoredDevice = {
      id: newId(),
      name: name.slice(0, 80) || 'Device',
      pairedAt: at,
      lastUsedAt: at,
      tokenHash: sha256(deviceToken).toString('hex')
    }
    this.state = { ...this.state, devices: [...this.state.devices, device] }
    this.save()
    return { deviceId: device.id, deviceToken }
  }

  /** Whether a device token belongs to a paired device; notes its last use. */
  verify(deviceToken: string): boolean {
    const hash = sha256(deviceToken)
    // Every stored hash is compared, match or not, so the time taken says nothing about which one matched.
    let found: StoredDevice | null = null
    for (const device of this.state.devices)
      if (timingSafeEqual(Buffer.from(device.tokenHash, 'hex'), hash)) found = device
    if (!found) return false
    found.lastUsedAt = new Date(this.now()).toISOString()
    if (this.now() - this.lastWrite > LAST_USED_WRITE_MS) this.save()
    return true
  }

  devices(): PairedDevice[] {
    return this.state.devices.map(({ id, name, pairedAt, lastUsedAt }) => ({ id, name, pairedAt, lastUsedAt }))
  }

  revoke(id: string): void {
    if (!this.state.devices.some((device) => device.id === id))
      throw new AppError('NOT_FOUND', 'That device is not paired (any more).')
    this.state = { ...this.state, devices: this.state.devices.filter((device) => device.id !== id) }
    this.save()
  }

  /** Writes last-use times that were held back. */
  flush(): void {
    this.save()
  }

  private save(): void {
    this.lastWrite = this.now()
    // Written beside and renamed, so a crash mid-write never leaves a half file that would unpair every device.
    const temp = `${this.file}.tmp`
    writeFileSync(temp, JSON.stringify(this.state, null, 2), { mode: 0o600 })
    renameSync(temp, this.file)
  }
}

function readState(file: string): StoredState {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredState>
    const devices = Array.isArray(parsed.devices)
      ? parsed.devices.filter(
          (d): d is StoredDevice =>
            typeof d?.id === 'string' && typeof d.tokenHash === 'string' && /^[0-9a-f]{64}$/.test(d.tokenHash)
        )
      : []
    return {
      version: 1,
      isLanOn: parsed.isLanOn === true,
      lanPort: typeof parsed.lanPort === 'number' ? parsed.lanPort : null,
      devices
    }
  } catch (cause) {
    // A damaged file pairs nothing and keeps LAN access off: the safe side. It is overwritten on the next change.
    console.warn('[pairing] could not read the paired devices; starting with none:', cause)
    return { version: 1, isLanOn: false, lanPort: null, devices: [] }
  }
}
