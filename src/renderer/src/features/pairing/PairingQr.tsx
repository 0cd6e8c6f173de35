import { useEffect, useState } from 'react'
import QRCode from 'qrcode'

/** The pairing address as a QR code: an SVG in a data URL (the page's CSP allows data: images, not inline scripts). */
export function PairingQr({ url }: { url: string }): React.JSX.Element | null {
  const [source, setSource] = useState<string | null>(null)
  useEffect(() => {
    let isCurrent = true
    QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000', light: '#fff' } })
      .then((svg) => isCurrent && setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch((error: unknown) => console.error('[pairing] QR code failed:', error))
    return () => {
      isCurrent = false
    }
  }, [url])
  if (!source) return null
  return (
    <img
      className="pairing-qr"
      src={source}
      width={220}
      height={220}
      alt="QR code: scan it with your phone's camera to open Ai Anime there"
      data-testid="pairing-qr"
    />
  )
}
