import { useMemo } from 'react'
import type { Character, EmotionReading, Message } from '../../../../shared/domain'
import type { StreamText } from '../chat/StreamText'
import { useReadAloud } from './useReadAloud'
import { useVoicePlayer, useVoiceState } from './VoiceContext'
import { readingFor, utterancesFor } from './voiceReading'
import { useVoiceSettings } from './useVoiceSettings'

export interface ChatVoice {
  /** This chat's replies are read aloud as they stream. */
  isReadAloud: boolean
  setReadAloud(isOn: boolean): void
  /** Reads a finished reply, in its own mood. */
  speak(message: Message): void
  stop(): void
  /** The message or stream being read, if any. */
  speakingKey: string | null
  error: string | null
  clearError(): void
}

/**
 * The voice of one chat: the per-chat "read replies aloud" switch, reading a streaming reply with the character's
 * voice in the character's latest mood (a reply's own mood is read only after it is written, so it colours the
 * sentences that follow once it arrives), and play/stop for finished replies (each in its own speaker's voice).
 */
export function useChatVoice(
  character: Character,
  chatId: string | null,
  stream: { streamId: string | null; text: StreamText },
  mood: EmotionReading | null,
  /** A voice call reads every reply, whatever the chat's switch says. */
  isInCall = false,
  /** A group's members: a finished reply is read in its own speaker's voice. */
  speakers: readonly Character[] = [character]
): ChatVoice {
  const player = useVoicePlayer()
  const state = useVoiceState()
  const voiceSettings = useVoiceSettings()
  const { settings, update } = voiceSettings
  // useReadAloud asks for the prosody per sentence from the latest `reading`, so a new mood reaches the reply being read.
  const reading = useMemo(() => readingFor(character.voice, settings, () => mood), [character.voice, settings, mood])
  const isReadAloud = chatId !== null && settings.readAloudChatIds.includes(chatId)
  useReadAloud(isReadAloud || isInCall, stream.streamId, stream.text, reading)

  return {
    isReadAloud,
    setReadAloud: (isOn) => {
      if (chatId === null) return
      if (!isOn) player.stop()
      const others = settings.readAloudChatIds.filter((id) => id !== chatId)
      void update({ readAloudChatIds: isOn ? [...others, chatId] : others })
    },
    speak: (message) => {
      const speaker = speakers.find((m) => m.id === message.characterId) ?? character
      const own = readingFor(speaker.voice, settings, () => message.emotion)
      player.speak(message.id, utterancesFor(message.content, own))
    },
    stop: () => player.stop(),
    speakingKey: state.speakingKey,
    error: state.error ?? voiceSettings.error,
    clearError: () => player.clearError()
  }
}
