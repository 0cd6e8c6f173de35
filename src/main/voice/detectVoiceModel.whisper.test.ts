import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeTinyWhisperRecognizer } from '../../../tests/helpers/onnx/writeTinyWhisperRecognizer'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { refusedWith } from '../../../tests/helpers/voiceRefusal'
import { detectVoiceModel } from './detectVoiceModel'

// Each folder refused here made sherpa-onnx-node 1.13.8 end the whole process (exit) when opened, checked in a child
// process: detection must refuse it with a typed error first.
const tempDir = useTempDir('voice-detect-whisper-')

describe('detectVoiceModel: Whisper', () => {
  it("takes sherpa-onnx's release folder, preferring the int8 encoder and decoder", async () => {
    const dir = writeTinyWhisperRecognizer(join(tempDir(), 'sherpa-onnx-whisper-tiny.en'))
    copyFileSync(join(dir, 'tiny.en-encoder.onnx'), join(dir, 'tiny.en-encoder.int8.onnx'))
    copyFileSync(join(dir, 'tiny.en-decoder.onnx'), join(dir, 'tiny.en-decoder.int8.onnx'))
    const found = await detectVoiceModel(dir)
    expect(found.model).toMatchObject({ kind: 'stt', engine: 'whisper', sampleRate: 16_000, speakers: 0 })
    expect(found.files).toEqual({
      engine: 'whisper',
      encoder: join(dir, 'tiny.en-encoder.int8.onnx'),
      decoder: join(dir, 'tiny.en-decoder.int8.onnx'),
      tokens: join(dir, 'tiny.en-tokens.txt')
    })
  })

  it.each(['n_mels', 'n_text_ctx', 'n_vocab', 'eot', 'no_timestamps', 'no_speech', 'sot_sequence'])(
    'refuses an encoder without its "%s" metadata',
    async (key) => {
      const dir = writeTinyWhisperRecognizer(join(tempDir(), `no-${key}`), { omitMetadata: [key] })
      expect(await refusedWith(dir)).toMatch(new RegExp(`incomplete whisper export: .*"${key}"`))
    }
  )

  it('refuses a multilingual encoder without its language tokens and codes, or with unmatched ones', async () => {
    const multilingual = { languages: ['en', 'de'] }
    const complete = writeTinyWhisperRecognizer(join(tempDir(), 'complete'), multilingual)
    expect((await detectVoiceModel(complete)).model.engine).toBe('whisper')
    const bare = writeTinyWhisperRecognizer(join(tempDir(), 'bare'), {
      ...multilingual,
      omitMetadata: ['all_language_tokens', 'all_language_codes']
    })
    expect(await refusedWith(bare)).toMatch(/"all_language_tokens"/)
    const unmatched = writeTinyWhisperRecognizer(join(tempDir(), 'unmatched'), {
      ...multilingual,
      metadata: { all_language_codes: 'en' }
    })
    expect(await refusedWith(unmatched)).toMatch(/2 language tokens but 1 language code/)
  })

  it("refuses a tokens.txt that is not base64 (another family's), which sherpa-onnx exits over", async () => {
    const dir = writeTinyWhisperRecognizer(join(tempDir(), 'ctc-tokens'))
    writeFileSync(join(dir, 'tiny.en-tokens.txt'), '<blk> 0\na 1\n')
    expect(await refusedWith(dir)).toMatch(/tokens.txt has "<blk> 0", not a base64 token/)
    writeFileSync(join(dir, 'tiny.en-tokens.txt'), 'IGNhbg== 0\nYQ 1\nabc 2\nabcde 3\n')
    expect(await refusedWith(dir)).toMatch(/tokens.txt has "abcde 3"/)
  })
})
