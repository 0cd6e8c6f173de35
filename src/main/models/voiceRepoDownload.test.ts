import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeHfHub, type FakeHfHub } from '../../../tests/helpers/fakeHfHub'
import { writeTinyVitsVoice } from '../../../tests/helpers/onnx/writeTinyVoiceModels'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { VoiceModelStore } from '../voice/VoiceModelStore'
import { DownloadService } from './DownloadService'
import { VOICE_MODELS_SUBDIR, voiceRepoFiles } from './voiceRepoFiles'

describe('voice models from the hub: hf:<user>/<repo> in sherpa-onnx layout', () => {
  const tempDir = useTempDir()
  let hub: FakeHfHub | null = null
  afterEach(async () => {
    await hub?.close()
    hub = null
  })

  it('picks what a voice needs: models (the int8 one of a pair), tokens, espeak-ng-data; not samples or scripts', () => {
    expect(
      voiceRepoFiles([
        'tiny.en-encoder.onnx',
        'tiny.en-encoder.int8.onnx',
        'tiny.en-decoder.onnx',
        'tiny.en-decoder.int8.onnx',
        'tiny.en-tokens.txt',
        'test_wavs/0.wav',
        'export-onnx.py',
        '.gitattributes',
        'README.md'
      ])
    ).toEqual(['tiny.en-encoder.int8.onnx', 'tiny.en-decoder.int8.onnx', 'tiny.en-tokens.txt', 'README.md'])
    expect(voiceRepoFiles(['en_US-amy-low.onnx', 'tokens.txt', 'espeak-ng-data/phontab', 'MODEL_CARD'])).toEqual([
      'en_US-amy-low.onnx',
      'tokens.txt',
      'espeak-ng-data/phontab',
      'MODEL_CARD'
    ])
    // A Hugging Face (transformers.js) layout or a repo without tokens is not a sherpa-onnx model.
    expect(voiceRepoFiles(['config.json', 'tokenizer.json', 'onnx/model.onnx'])).toBeNull()
    expect(voiceRepoFiles(['model.onnx', 'README.md'])).toBeNull()
  })

  it('downloads a voice repository into the voice folder, where the voice library lists it', async () => {
    const source = writeTinyVitsVoice(join(tempDir(), 'src'), { speakers: 2 })
    const files: Record<string, Uint8Array> = {
      'model.onnx': readFileSync(join(source, 'model.onnx')),
      'tokens.txt': readFileSync(join(source, 'tokens.txt')),
      MODEL_CARD: Buffer.from('License: CC BY 4.0\n'),
      'test_wavs/0.wav': Buffer.alloc(1000)
    }
    hub = await startFakeHfHub({ 'csukuangfj/vits-tiny': { files } })
    const modelsDir = tempDir()
    const manager = new DownloadService(modelsDir, () => undefined, { hfEndpoint: hub.endpoint })
    const done = await manager.settled(manager.start({ url: 'hf:csukuangfj/vits-tiny' }).id)
    expect(done.state, done.error ?? '').toBe('done')
    const voiceDir = join(modelsDir, VOICE_MODELS_SUBDIR)
    expect(done.path).toBe(join(voiceDir, 'csukuangfj--vits-tiny'))
    expect(readdirSync(done.path).sort()).toEqual(['MODEL_CARD', 'model.onnx', 'tokens.txt'])
    expect(existsSync(`${done.path}.part`)).toBe(false)
    const listed = await new VoiceModelStore(voiceDir, join(modelsDir, 'voice-models.json')).list()
    expect(listed.map((d) => d.model)).toEqual([
      expect.objectContaining({
        kind: 'tts',
        engine: 'vits',
        speakers: 2,
        licence: 'License: CC BY 4.0 (from MODEL_CARD)'
      })
    ])
  })
})
