import { useEffect, useState } from 'react'
import { hasSystemSpeech, loadSystemVoices } from './systemSpeech'

export interface SystemVoices {
  voices: SpeechSynthesisVoice[]
  isLoading: boolean
}

/** The system's voices, following changes (a voice installed while the app runs). */
export function useSystemVoices(): SystemVoices {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([])
  const [isLoading, setIsLoading] = useState(hasSystemSpeech)
  useEffect(() => {
    if (!hasSystemSpeech()) return
    let isActive = true
    void loadSystemVoices().then((list) => {
      if (!isActive) return
      setVoices(list)
      setIsLoading(false)
    })
    const onChange = (): void => setVoices(window.speechSynthesis.getVoices())
    window.speechSynthesis.addEventListener('voiceschanged', onChange)
    return () => {
      isActive = false
      window.speechSynthesis.removeEventListener('voiceschanged', onChange)
    }
  }, [])
  return { voices, isLoading }
}

/** The primary language of a voice ("en" of "en-GB"), for grouping a long list (espeak-ng has thousands). */
export function languageOf(voice: Pick<SpeechSynthesisVoice, 'lang'>): string {
  return voice.lang.toLowerCase().split(/[-_]/)[0] ?? ''
}
