import { useCallback, useEffect, useState } from 'react'

export interface Drawer {
  isOpen: boolean
  // Properties, not methods: they are handed to onClick as they are, and use no `this`.
  open: () => void
  close: () => void
  toggle: () => void
}

/**
 * The sidebar as a drawer on narrow screens (CSS decides when it is one): open with the menu button, closed by
 * Escape, a tap on the backdrop or any navigation. On wide screens the state is simply unused.
 */
export function useDrawer(): Drawer {
  const [isOpen, setIsOpen] = useState(false)
  const close = useCallback(() => setIsOpen(false), [])
  const open = useCallback(() => setIsOpen(true), [])
  const toggle = useCallback(() => setIsOpen((value) => !value), [])
  useEffect(() => {
    if (!isOpen) return
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setIsOpen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [isOpen])
  return { isOpen, open, close, toggle }
}
