/** Phones and tablets using the app over the home network. Plain JSON only: dates are ISO strings. */

/** A phone or tablet allowed to use the app over the home network. */
export interface PairedDevice {
  id: string
  /** From the device's browser, e.g. "Android phone · Chrome". */
  name: string
  pairedAt: string
  lastUsedAt: string
}

/** LAN access ("Use on your phone"): whether the app listens on the network, where, and who is paired. */
export interface PairingStatus {
  /** False where the app cannot listen on the network (no transport attached, e.g. in tests). */
  isAvailable: boolean
  isLanOn: boolean
  port: number | null
  /** The addresses a phone on the same network opens, e.g. http://192.168.1.20:5418/. */
  urls: string[]
  devices: PairedDevice[]
}
