import { useRef, type PointerEvent } from 'react'

/** How far a finger must travel sideways, and how much more sideways than up or down, to count as a swipe. */
const MIN_DISTANCE_PX = 60
const MIN_RATIO = 2

interface SwipeHandlers {
  onPointerDown(event: PointerEvent): void
  onPointerUp(event: PointerEvent): void
  onPointerCancel(): void
}

/**
 * A horizontal swipe by touch or pen, as SillyTavern's mobile layout swipes replies: finger to the left for the next
 * version, to the right for the previous one. Mouse drags are left alone (they select text). The element needs
 * `touch-action: pan-y` so the browser keeps vertical scrolling and hands horizontal moves to the page.
 */
export function useSwipeGesture(onSwipe: ((direction: 'left' | 'right') => void) | null): SwipeHandlers {
  const start = useRef<{ x: number; y: number; id: number } | null>(null)
  return {
    onPointerDown(event) {
      start.current =
        onSwipe && event.pointerType !== 'mouse' ? { x: event.clientX, y: event.clientY, id: event.pointerId } : null
    },
    onPointerUp(event) {
      const from = start.current
      start.current = null
      if (!from || !onSwipe || from.id !== event.pointerId) return
      const dx = event.clientX - from.x
      const dy = event.clientY - from.y
      if (Math.abs(dx) >= MIN_DISTANCE_PX && Math.abs(dx) >= MIN_RATIO * Math.abs(dy))
        onSwipe(dx < 0 ? 'left' : 'right')
    },
    onPointerCancel() {
      start.current = null
    }
  }
}
