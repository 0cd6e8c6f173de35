import type { SpeechEngine, Utterance } from './SpeechQueue'
import { createSystemSpeech } from './systemSpeech'
import { createNeuralSpeech } from './neuralSpeech'
import { openAudioOutput } from './openAudioOutput'

interface Prepared {
  engine: SpeechEngine
  value: unknown
}

/** Routes each utterance to the engine of its voice: system voices to speechSynthesis, neural ones to Web Audio. */
export function createVoiceEngine(): SpeechEngine<Prepared> {
  const system = createSystemSpeech() as SpeechEngine
  let audio: AudioContext | null = null
  // One output context for the app, made on first use (browsers limit how many a page may open).
  const neural = createNeuralSpeech(() => (audio ??= openAudioOutput())) as SpeechEngine
  const engineFor = (utterance: Utterance): SpeechEngine => (utterance.voice.kind === 'system' ? system : neural)
  return {
    async prepare(utterance, signal) {
      const engine = engineFor(utterance)
      return { engine, value: await engine.prepare(utterance, signal) }
    },
    play(prepared, utterance, signal) {
      return prepared.engine.play(prepared.value, utterance, signal)
    }
  }
}
