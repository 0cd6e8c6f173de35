import { useEffect, useState } from 'react'
import type { PairingStartResult } from '../../../../shared/contract'
import type { PairingStatus } from '../../../../shared/domain'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { secureContextNotice } from '../../components/secureContext'
import { PairingQr } from './PairingQr'

/** While a code is shown, the device list is refreshed this often so a phone that just paired appears. */
const REFRESH_MS = 3000

/** "Use on your phone": LAN access on/off, a QR code to pair a phone, and the paired devices, each revocable. */
export function PhonePanel(): React.JSX.Element {
  const [status, setStatus] = useState<PairingStatus | null>(null)
  const [pairing, setPairing] = useState<PairingStartResult | null>(null)
  const { error, run, fail, dismiss, isBusy } = useAction()

  useEffect(() => {
    // The panel may be closed before the first status arrives; its answer then has nowhere to go.
    let isCurrent = true
    api.pairing.status({}).then(
      (next) => isCurrent && setStatus(next),
      (e: unknown) => isCurrent && fail(e)
    )
    return () => {
      isCurrent = false
    }
  }, [fail])
  useEffect(() => {
    if (!pairing) return
    const timer = setInterval(() => {
      api.pairing.status({}).then(setStatus, fail)
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [pairing, fail])

  const setLan = (isOn: boolean): Promise<boolean> =>
    run(async () => {
      setPairing(null)
      setStatus(await api.pairing.setLan({ isOn }))
    })
  const microphone = secureContextNotice('microphone')
  return (
    <section className="phone-view" data-testid="phone-panel">
      <h2>Use on your phone</h2>
      <ErrorNotice message={error} onDismiss={dismiss} />
      <div className="card">
        <p>
          LAN access lets phones and tablets on your home network use this app: your characters, chats, memories and the
          loaded model, as if they sat at this computer. Only devices you pair here get in; others on the network can
          only see that the app is running. It is off until you turn it on.
        </p>
        {status && !status.isAvailable && <p className="hint">LAN access is not available in this mode.</p>}
        {status?.isAvailable && (
          <div className="row">
            <button
              className={status.isLanOn ? 'ghost' : ''}
              data-testid="lan-toggle"
              aria-pressed={status.isLanOn}
              disabled={isBusy}
              onClick={() => void setLan(!status.isLanOn)}
            >
              {status.isLanOn ? 'Turn off LAN access' : 'Turn on LAN access'}
            </button>
            <span className="hint" data-testid="lan-state">
              {status.isLanOn ? `On: ${status.urls.join(', ') || 'no network found'}` : 'Off'}
            </span>
          </div>
        )}
      </div>
      {status?.isLanOn && (
        <div className="card">
          <h3>Pair a phone</h3>
          <p className="hint">
            Scan the code with the phone&apos;s camera (same Wi-Fi). It works once, for 10 minutes; the phone then stays
            paired until you remove it below.
          </p>
          <button
            data-testid="pair-start"
            disabled={isBusy || status.urls.length === 0}
            onClick={() => void run(async () => setPairing(await api.pairing.start({})))}
          >
            {pairing ? 'New code' : 'Show pairing code'}
          </button>
          {pairing && (
            <div className="pairing-code">
              <PairingQr url={pairing.url} />
              <p className="hint pairing-url" data-testid="pairing-url">
                {pairing.url}
              </p>
            </div>
          )}
        </div>
      )}
      <div className="card">
        <h3>Paired devices</h3>
        {status && status.devices.length === 0 && <p className="hint">None yet.</p>}
        <ul className="devices">
          {status?.devices.map((device) => (
            <li key={device.id} className="row device" data-testid="paired-device">
              <span className="device-text">
                <strong>{device.name}</strong>
                <span className="hint">
                  paired {new Date(device.pairedAt).toLocaleString()} · last used{' '}
                  {new Date(device.lastUsedAt).toLocaleString()}
                </span>
              </span>
              <button
                className="ghost"
                data-testid="revoke-device"
                aria-label={`Remove ${device.name}`}
                disabled={isBusy}
                onClick={() => void run(async () => setStatus(await api.pairing.revoke({ id: device.id })))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="card" data-testid="secure-context-notice">
        <h3>Over plain HTTP</h3>
        <p className="hint">
          Phones reach the app at a plain http:// address. Everything works there except what browsers keep for secure
          (https) pages: the microphone, so future voice input will not work on the phone this way.
        </p>
        {microphone && (
          <p className="hint" role="status" data-testid="insecure-here">
            {microphone}
          </p>
        )}
      </div>
    </section>
  )
}
