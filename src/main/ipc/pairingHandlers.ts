import { AppError } from '../../shared/errors'
import type { LanAccess } from '../pairing/LanAccess'
import type { Handlers } from './handlers'

type PairingHandlers = Pick<Handlers, 'pairing.status' | 'pairing.setLan' | 'pairing.start' | 'pairing.revoke'>

/** "Use on your phone". Without LAN access (an API-only server, some tests) the status says it is not available. */
export function createPairingHandlers(lan: LanAccess | null | undefined): PairingHandlers {
  const required = (): LanAccess => {
    if (!lan) throw new AppError('INVALID_INPUT', 'LAN access is not available in this mode.')
    return lan
  }
  return {
    'pairing.status': async () =>
      lan ? lan.status() : { isAvailable: false, isLanOn: false, port: null, urls: [], devices: [] },
    'pairing.setLan': async ({ isOn }) => required().setEnabled(isOn),
    'pairing.start': async () => required().pairingUrlForNewDevice(),
    'pairing.revoke': async ({ id }) => required().revoke(id)
  }
}
