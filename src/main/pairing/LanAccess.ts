import { join } from 'node:path'
import type { PairingStatus } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { lanAddresses } from './lanAddresses'
import { PairingService } from './PairingService'
import type { AppConfig } from '../config'

export interface LanListener {
  port: number
  close(): Promise<void>
}

/** Starts the app's HTTP transport on all interfaces, guarded by device tokens; given by the app's entry point. */
export type ListenOnLan = (port: number) => Promise<LanListener>

/**
 * LAN access on and off at run time: a second listener on 0.0.0.0 beside the desktop window or the loopback
 * browser server, started and closed on demand. The entry point (Electron main or `npm run serve`) attaches how to
 * listen; the core alone cannot, as the transport sits above it.
 */
export class LanAccess {
  private listener: LanListener | null = null
  private listen: ListenOnLan | null = null

  constructor(
    readonly pairing: PairingService,
    private readonly defaultPort: number,
    private readonly addresses: () => string[] = lanAddresses
  ) {}

  /**
   * Lives beside the core, not in it: a backup restore replaces the core, and phones should stay connected. Paired
   * devices are kept in the data folder.
   */
  static open(config: Pick<AppConfig, 'dataDir' | 'lanPort'>): LanAccess {
    return new LanAccess(new PairingService(join(config.dataDir, 'paired-devices.json')), config.lanPort)
  }

  attach(listen: ListenOnLan): void {
    this.listen = listen
  }

  /** Starts listening again if LAN access was on when the app last closed. */
  async restore(): Promise<void> {
    if (!this.pairing.isLanOn) return
    try {
      await this.open()
    } catch (cause) {
      console.warn('[lan] could not listen on the network again; LAN access stays off:', cause)
      this.pairing.setLan(false)
    }
  }

  async setEnabled(isOn: boolean): Promise<PairingStatus> {
    if (isOn) {
      await this.open()
      this.pairing.setLan(true, this.listener!.port)
    } else {
      await this.close()
      this.pairing.setLan(false)
    }
    return this.status()
  }

  /** A new one-time pairing: the address a phone opens, with the token in its query (what the QR code carries). */
  pairingUrlForNewDevice(): { url: string; expiresAt: string } {
    const base = this.status().urls[0]
    if (!base) throw new AppError('INVALID_INPUT', 'Turn on LAN access first (and join a network).')
    const { token, expiresAt } = this.pairing.startPairing()
    return { url: `${base}?pair=${encodeURIComponent(token)}`, expiresAt }
  }

  revoke(deviceId: string): PairingStatus {
    this.pairing.revoke(deviceId)
    return this.status()
  }

  status(): PairingStatus {
    const port = this.listener?.port ?? null
    return {
      isAvailable: this.listen !== null,
      isLanOn: port !== null,
      port,
      urls: port === null ? [] : this.addresses().map((host) => `http://${host}:${port}/`),
      devices: this.pairing.devices()
    }
  }

  async dispose(): Promise<void> {
    await this.close()
    this.pairing.flush()
  }

  private async open(): Promise<void> {
    if (this.listener) return
    if (!this.listen) throw new AppError('INVALID_INPUT', 'LAN access is not available in this mode.')
    const wanted = this.pairing.lanPort ?? this.defaultPort
    try {
      this.listener = await this.listen(wanted)
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EADDRINUSE' || wanted === 0)
        throw new AppError('INTERNAL', `Could not listen on the network (port ${wanted}).`, { cause })
      // Another program has the usual port: take a free one (kept for next time, so a phone's bookmark stays valid).
      this.listener = await this.listen(0)
    }
  }

  private async close(): Promise<void> {
    const listener = this.listener
    this.listener = null
    await listener?.close()
  }
}
