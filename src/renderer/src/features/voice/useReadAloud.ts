import { useEffect, useRef } from 'react'
import type { StreamText } from '../chat/StreamText'
import type { ReaderOptions } from './ReplyReader'
import { useVoicePlayer } from './VoiceContext'

/**
 * Reads each reply of a chat aloud while it streams, when `isOn`: the stream's text is fed to the player as it grows,
 * so the first sentence is heard as soon as it is written. `reading` is read when a reply starts (voices) and per
 * sentence (the emotion), so it may change between renders without restarting the reading.
 */
export function useReadAloud(
  isOn: boolean,
  streamId: string | null,
  streamText: StreamText,
  reading: Omit<ReaderOptions, 'say'>
): void {
  const player = useVoicePlayer()
  const readingRef = useRef(reading)
  useEffect(() => {
    readingRef.current = reading
  }, [reading])

  useEffect(() => {
    if (!isOn || streamId === null) return
    const feed = player.read(streamId, {
      character: readingRef.current.character,
      narrator: readingRef.current.narrator,
      prosody: () => readingRef.current.prosody(),
      speakerId: () => readingRef.current.speakerId?.()
    })
    let fed = 0
    const follow = (): void => {
      const text = streamText.get()
      // The store is reset at the start of a stream; anything shorter than what was fed is a new text.
      if (text.length < fed) fed = 0
      if (text.length > fed) feed.push(text.slice(fed))
      fed = text.length
    }
    follow()
    const unsubscribe = streamText.subscribe(follow)
    return () => {
      unsubscribe()
      follow()
      feed.finish()
    }
  }, [isOn, streamId, streamText, player])
}
