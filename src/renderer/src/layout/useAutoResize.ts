import { useLayoutEffect, type RefObject } from 'react'

/** Grows a textarea with its text up to `maxFraction` of the window's height; beyond that it scrolls. */
export function useAutoResize(ref: RefObject<HTMLTextAreaElement | null>, value: string, maxFraction = 0.4): void {
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    // Measure from the minimum so the box can shrink again when text is deleted.
    element.style.height = 'auto'
    const cap = Math.max(80, Math.round(window.innerHeight * maxFraction))
    element.style.height = `${Math.min(element.scrollHeight + 2, cap)}px`
    element.style.overflowY = element.scrollHeight + 2 > cap ? 'auto' : 'hidden'
  }, [ref, value, maxFraction])
}
