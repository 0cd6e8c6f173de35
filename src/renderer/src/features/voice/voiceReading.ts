import type { EmotionReading } from '../../../../shared/domain'
import type { CharacterVoice, VoiceSettings } from '../../../../shared/domain/voice'
import { splitSpeakable } from '../../../../shared/voice/splitSpeakable'
import { prosodyFor } from '../../../../shared/voice/prosodyFor'
import { speakerFor } from '../../../../shared/voice/speakerFor'
import { utteranceFor, type ReaderOptions, type ReaderVoice } from './ReplyReader'
import type { Utterance } from './SpeechQueue'

/** A saved voice as the reader uses it; null (no choice) is the system's default voice for the app's language. */
export function readerVoice(voice: CharacterVoice | null): ReaderVoice {
  if (voice === null) return { voice: { kind: 'system', voiceName: null }, speed: 1 }
  if (voice.kind === 'system') return { voice: { kind: 'system', voiceName: voice.voiceName }, speed: voice.speed }
  return { voice: { kind: 'neural', modelId: voice.modelId, speakerId: voice.speakerId }, speed: voice.speed }
}

/** How a character's reply is read with these settings, in this mood (the reply's own, or the latest known). */
export function readingFor(
  voice: CharacterVoice | null,
  settings: VoiceSettings,
  mood: () => EmotionReading | null
): Omit<ReaderOptions, 'say'> {
  return {
    character: readerVoice(voice),
    narrator: settings.asides === 'narrate' ? readerVoice(settings.narratorVoice) : null,
    prosody: () => prosodyFor(mood(), settings.emotionStrength),
    ...(voice?.kind === 'neural' ? { speakerId: () => speakerFor(voice, mood(), settings.emotionStrength) } : {})
  }
}

/** A whole text (a finished reply, a preview) as utterances. */
export function utterancesFor(text: string, reading: Omit<ReaderOptions, 'say'>): Utterance[] {
  return splitSpeakable(text).flatMap((piece) => utteranceFor(piece, reading) ?? [])
}
