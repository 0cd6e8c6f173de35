import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { PairingService } from './PairingService'
import { describeDevice } from './describeDevice'

describe('PairingService', () => {
  const tempDir = useTempDir()

  it('accepts a pairing token once and only before it expires', () => {
    let now = Date.parse('2026-11-29T10:00:00Z')
    const service = new PairingService(join(tempDir(), 'paired-devices.json'), () => now)
    const first = service.startPairing()
    const { deviceToken } = service.pair(first.token, 'Phone')
    expect(service.verify(deviceToken)).toBe(true)
    expect(() => service.pair(first.token, 'Phone')).toThrow(/used up or expired/)
    const late = service.startPairing()
    now += 11 * 60_000
    expect(() => service.pair(late.token, 'Phone')).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }))
    expect(service.devices()).toHaveLength(1)
  })

  it('notes last use, forgets codes when LAN access goes off, and reads its file back', () => {
    let now = Date.parse('2026-11-29T10:00:00Z')
    const file = join(tempDir(), 'paired-devices.json')
    const service = new PairingService(file, () => now)
    const { deviceToken, deviceId } = service.pair(service.startPairing().token, 'Tablet')
    now += 5 * 60_000
    service.verify(deviceToken)
    service.flush()
    const pending = service.startPairing()
    service.setLan(false)
    expect(() => service.pair(pending.token, 'Other')).toThrow(/used up or expired/)
    const reread = new PairingService(file)
    expect(reread.devices()).toEqual([
      { id: deviceId, name: 'Tablet', pairedAt: '2026-11-29T10:00:00.000Z', lastUsedAt: '2026-11-29T10:05:00.000Z' }
    ])
    expect(reread.verify(deviceToken)).toBe(true)
    expect(reread.verify(deviceToken.slice(0, -1))).toBe(false)
    expect(readFileSync(file, 'utf8')).not.toContain(deviceToken)
  })

  it('treats a damaged file as no devices and LAN access off', () => {
    const file = join(tempDir(), 'paired-devices.json')
    writeFileSync(file, '{"isLanOn": true, "devices": [{"id": "x", "tokenHash": "not-hex"}')
    const service = new PairingService(file)
    expect(service.isLanOn).toBe(false)
    expect(service.devices()).toEqual([])
    expect(() => service.revoke('x')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('names devices from their browser', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Safari/604.1'
      )
    ).toBe('iPhone · Safari')
    expect(
      describeDevice('Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/126.0 Safari/537.36')
    ).toBe('Android tablet · Chrome')
    expect(describeDevice(undefined)).toBe('Device')
  })
})
