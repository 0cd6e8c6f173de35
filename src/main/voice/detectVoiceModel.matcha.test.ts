import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ModelProto } from '../../../tests/helpers/onnx/onnxProto'
import { writeTinyMatchaVoice } from '../../../tests/helpers/onnx/writeTinyMatchaVoice'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { refusedWith } from '../../../tests/helpers/voiceRefusal'
import { detectVoiceModel } from './detectVoiceModel'
import { SYSTEM_ESPEAK_DATA_DIRS } from './espeakData'

// Each folder refused here made sherpa-onnx-node 1.13.8 end the whole process (exit or abort) when opened or spoken
// with, checked in a child process: detection must refuse it with a typed error first.
const tempDir = useTempDir('voice-detect-matcha-')
const SYSTEM_ESPEAK = SYSTEM_ESPEAK_DATA_DIRS.filter((dir) => existsSync(dir))

const refusedByDetection = (dir: string, espeakDataDirs = SYSTEM_ESPEAK): Promise<string> =>
  refusedWith(dir, { espeakDataDirs })

/** Rewrites one metadata value of a model file (or drops the key when value is null). */
function setMetadata(file: string, key: string, value: string | null): void {
  const model = ModelProto.toObject(ModelProto.decode(readFileSync(file))) as {
    metadataProps: { key: string; value: string }[]
  }
  const others = model.metadataProps.filter((p) => p.key !== key)
  model.metadataProps = value === null ? others : [...others, { key, value }]
  writeFileSync(file, ModelProto.encode(ModelProto.fromObject(model)).finish())
}

describe('detectVoiceModel on Matcha voices', () => {
  it('accepts the layout of matcha-icefall-en_US-ljspeech with a HiFi-GAN or Vocos vocoder', async () => {
    const hifigan = writeTinyMatchaVoice(join(tempDir(), 'hifigan'))
    const found = await detectVoiceModel(hifigan, { espeakDataDirs: SYSTEM_ESPEAK })
    expect(found.model).toMatchObject({ kind: 'tts', engine: 'matcha', sampleRate: 22_050, speakers: 1 })
    expect(found.files).toMatchObject({
      acousticModel: join(hifigan, 'model-steps-3.onnx'),
      vocoder: join(hifigan, 'hifigan_v2.onnx'),
      dataDir: SYSTEM_ESPEAK[0]
    })
    const vocos = writeTinyMatchaVoice(join(tempDir(), 'vocos'), { vocoder: 'vocos' })
    const withVocos = await detectVoiceModel(vocos, { espeakDataDirs: SYSTEM_ESPEAK })
    expect(withVocos.files).toMatchObject({ vocoder: join(vocos, 'vocos-22khz-univ.onnx') })
  })

  it.each(['sample_rate', 'n_speakers', 'use_eos_bos', 'pad_id'])(
    'refuses an acoustic model without its "%s" metadata',
    async (key) => {
      const dir = writeTinyMatchaVoice(join(tempDir(), key), { omitMetadata: [key] })
      expect(await refusedByDetection(dir)).toMatch(new RegExp(`incomplete matcha export: its model has no "${key}"`))
    }
  )

  it('refuses a vocoder sherpa-onnx cannot place and an acoustic model without a vocoder', async () => {
    const dir = writeTinyMatchaVoice(join(tempDir(), 'vocoder'))
    setMetadata(join(dir, 'hifigan_v2.onnx'), 'model_type', null)
    expect(await refusedByDetection(dir)).toMatch(/vocoder hifigan_v2\.onnx is not one sherpa-onnx runs/)
    rmSync(join(dir, 'hifigan_v2.onnx'))
    expect(await refusedByDetection(dir)).toMatch(/Matcha acoustic model without its vocoder: .*hifigan_v2\.onnx/)
  })

  it('refuses a voice without a text front end sherpa-onnx has: espeak-ng data, or a lexicon for jieba', async () => {
    const noEspeak = writeTinyMatchaVoice(join(tempDir(), 'no-espeak'))
    expect(await refusedByDetection(noEspeak, [])).toMatch(/espeak-ng-data folder is missing/)
    const neither = writeTinyMatchaVoice(join(tempDir(), 'neither'))
    setMetadata(join(neither, 'model-steps-3.onnx'), 'has_espeak', '0')
    expect(await refusedByDetection(neither)).toMatch(/neither espeak-ng \(has_espeak\) nor jieba/)
    const jieba = writeTinyMatchaVoice(join(tempDir(), 'jieba'))
    setMetadata(join(jieba, 'model-steps-3.onnx'), 'has_espeak', '0')
    setMetadata(join(jieba, 'model-steps-3.onnx'), 'jieba', '1')
    expect(await refusedByDetection(jieba)).toMatch(/needs its lexicon\.txt/)
  })

  it.each(['^', '$'])(
    'refuses a tokens.txt without the "%s" symbol espeak-ng phonemes are framed by',
    async (symbol) => {
      const dir = writeTinyMatchaVoice(join(tempDir(), 'tokens'))
      const tokens = readFileSync(join(dir, 'tokens.txt'), 'utf8').split('\n')
      writeFileSync(join(dir, 'tokens.txt'), tokens.filter((line) => !line.startsWith(`${symbol} `)).join('\n'))
      expect(await refusedByDetection(dir)).toMatch(/lacks the symbol\(s\) "\^?\$?"/)
    }
  )
})
