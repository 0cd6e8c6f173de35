import { useEffect } from 'react'

/**
 * Keeps `--app-height` at the visible viewport's height, so the composer stays above a phone's on-screen keyboard.
 * `interactive-widget=resizes-content` (index.html) does this in Chromium; Safari ignores it and only shrinks the
 * visual viewport, which this follows.
 */
export function useViewportHeight(): void {
  useEffect(() => {
    const viewport = window.visualViewport
    if (!viewport) return
    const root = document.documentElement
    const update = (): void => root.style.setProperty('--app-height', `${Math.round(viewport.height)}px`)
    update()
    viewport.addEventListener('resize', update)
    return () => {
      viewport.removeEventListener('resize', update)
      root.style.removeProperty('--app-height')
    }
  }, [])
}
