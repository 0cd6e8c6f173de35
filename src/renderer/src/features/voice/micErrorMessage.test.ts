import { describe, expect, it } from 'vitest'
import { micErrorMessage } from './micErrorMessage'

const domError = (name: string): Error => Object.assign(new Error('browser says no'), { name })

describe('micErrorMessage', () => {
  it('tells no permission, no device, a busy device and an insecure page apart', () => {
    expect(micErrorMessage(domError('NotAllowedError'))).toMatch(/blocked: allow it/)
    expect(micErrorMessage(domError('NotFoundError'))).toMatch(/No microphone was found/)
    expect(micErrorMessage(domError('NotReadableError'))).toMatch(/busy/)
    expect(micErrorMessage(domError('NoMediaDevices'))).toMatch(/HTTPS/)
    expect(micErrorMessage(new Error('boom'))).toMatch(/could not start \(boom\)/)
  })
})
