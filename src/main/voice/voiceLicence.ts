import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { VoiceEngine } from '../../shared/contract/voice'

/** The licence a family's models usually carry, shown when the folder has no licence of its own. */
const USUAL_LICENCE: Record<VoiceEngine, string> = {
  piper: 'Piper voices: each voice has its own licence (see its MODEL_CARD; several are non-commercial)',
  vits: 'VITS voices: the licence of the voice and of its training data (check the source)',
  kokoro: 'Kokoro-82M: Apache-2.0',
  matcha: 'Matcha-TTS: MIT code; the voice follows its training data (e.g. LJSpeech: public domain)',
  whisper: 'OpenAI Whisper: MIT',
  sensevoice: 'SenseVoice: FunASR model licence (check before commercial use)',
  moonshine: 'Moonshine: MIT',
  'zipformer-ctc': 'icefall/k2 models: Apache-2.0 (check the model card)',
  'nemo-ctc': 'NVIDIA NeMo models: usually CC-BY-4.0 (check the model card)'
}

const LICENCE_FILES = ['LICENSE', 'LICENSE.txt', 'LICENSE.md', 'MODEL_CARD', 'MODEL_CARD.md', 'README.md']

/** The first line of the folder's own licence or model card that names a licence, else the family's usual one. */
export async function voiceLicence(dir: string, fileNames: string[], engine: VoiceEngine): Promise<string> {
  for (const name of LICENCE_FILES) {
    if (!fileNames.includes(name)) continue
    const text = await readFile(join(dir, name), 'utf8')
    const line = text
      .split('\n')
      .map((l) => l.replace(/^[#*\s-]+/, '').trim())
      .find((l) => /licen[cs]e|CC[- ]BY|MIT|Apache|GPL|public domain/i.test(l))
    if (line) return `${line.slice(0, 200)} (from ${name})`
  }
  return USUAL_LICENCE[engine]
}
