import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError, type ErrorCode } from '../../shared/errors'
import { encodeModel, ELEM_FLOAT, valueInfo } from '../../../tests/helpers/onnx/onnxProto'
import { writeTinyOnnxModel } from '../../../tests/helpers/onnx/writeTinyOnnxModel'
import { writeTinyKokoroVoice } from '../../../tests/helpers/onnx/writeTinyKokoroVoice'
import { writeTinyMatchaVoice } from '../../../tests/helpers/onnx/writeTinyMatchaVoice'
import { writeTinySenseVoiceRecognizer } from '../../../tests/helpers/onnx/writeTinySenseVoiceRecognizer'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../../../tests/helpers/onnx/writeTinyVoiceModels'
import { writeTinyWhisperRecognizer } from '../../../tests/helpers/onnx/writeTinyWhisperRecognizer'
import { resourcesDir } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { refusedWith } from '../../../tests/helpers/voiceRefusal'
import { detectVoiceModel, voiceModelId } from './detectVoiceModel'
import { SYSTEM_ESPEAK_DATA_DIRS } from './espeakData'

const tempDir = useTempDir('voice-detect-')

/** Debian's espeak-ng-data (.ci/run installs it). */
const SYSTEM_ESPEAK = SYSTEM_ESPEAK_DATA_DIRS.find((dir) => existsSync(dir)) ?? SYSTEM_ESPEAK_DATA_DIRS[0]!
let sharedCopy: string | null = null
afterEach(() => {
  sharedCopy = null
})
/**
 * The files of Debian's espeak-ng-data that espeak-ng reads first, and the English dictionary, copied to `dir` (by
 * default one copy shared by the tests): what detection checks, without copying every language.
 */
function espeakCopy(dir?: string): string {
  if (dir === undefined && sharedCopy !== null) return sharedCopy
  const target = dir ?? join(tempDir(), 'espeak-ng-data')
  mkdirSync(target, { recursive: true })
  for (const file of ['phontab', 'phonindex', 'phondata', 'intonations', 'en_dict']) {
    copyFileSync(join(SYSTEM_ESPEAK, file), join(target, file))
  }
  if (dir === undefined) sharedCopy = target
  return target
}

async function refusal(path: string): Promise<{ code: ErrorCode; message: string }> {
  try {
    await detectVoiceModel(path)
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error(`${path} was accepted`)
}

/** A valid ONNX model that is neither a voice nor a recogniser. */
function writeIdentityModel(file: string, metadata: Record<string, string> = {}): void {
  writeFileSync(
    file,
    encodeModel({
      nodes: [{ opType: 'Identity', input: ['a'], output: ['b'] }],
      initializers: [],
      inputs: [valueInfo('a', ELEM_FLOAT, [1])],
      outputs: [valueInfo('b', ELEM_FLOAT, [1])],
      metadata
    })
  )
}

describe('detectVoiceModel', () => {
  it('a VITS folder is a voice with its sample rate, speakers and language', async () => {
    const dir = writeTinyVitsVoice(join(tempDir(), 'my-voice'), { sampleRate: 16_000, speakers: 4 })
    const { model, files } = await detectVoiceModel(dir)
    expect(model).toMatchObject({
      id: voiceModelId(dir),
      name: 'my-voice',
      path: dir,
      kind: 'tts',
      engine: 'vits',
      sampleRate: 16_000,
      speakers: 4,
      language: 'English'
    })
    expect(model.sizeBytes).toBeGreaterThan(1000)
    expect(model.licence).toMatch(/VITS/)
    expect(files).toMatchObject({ engine: 'vits', model: join(dir, 'model.onnx'), tokens: join(dir, 'tokens.txt') })
  })

  it('a CTC folder is a recogniser at 16 kHz; a licence file of its own is shown', async () => {
    const dir = writeTinyCtcRecognizer(join(tempDir(), 'ctc'))
    writeFileSync(join(dir, 'LICENSE'), '\n# Licensed under the Apache License, Version 2.0\n')
    const { model } = await detectVoiceModel(dir)
    expect(model).toMatchObject({ kind: 'stt', engine: 'zipformer-ctc', sampleRate: 16_000, speakers: 0 })
    expect(model.licence).toBe('Licensed under the Apache License, Version 2.0 (from LICENSE)')
  })

  it('tells the families apart by their files: Whisper, Moonshine, Kokoro, Matcha, Piper', async () => {
    const folder = (name: string, files: string[], dirs: string[] = []): string => {
      const dir = join(tempDir(), name)
      mkdirSync(dir, { recursive: true })
      for (const sub of dirs) mkdirSync(join(dir, sub))
      for (const file of files) {
        if (file.endsWith('.onnx')) writeIdentityModel(join(dir, file), { sample_rate: '24000' })
        else writeFileSync(join(dir, file), '<blk> 0\na 1\n')
      }
      return dir
    }
    // Whisper's encoder carries the metadata sherpa-onnx requires: a real-layout model, with an int8 encoder beside it.
    const whisper = writeTinyWhisperRecognizer(join(tempDir(), 'whisper'))
    copyFileSync(join(whisper, 'tiny.en-encoder.onnx'), join(whisper, 'tiny.en-encoder.int8.onnx'))
    expect((await detectVoiceModel(whisper)).files).toMatchObject({
      engine: 'whisper',
      encoder: join(whisper, 'tiny.en-encoder.int8.onnx'),
      decoder: join(whisper, 'tiny.en-decoder.onnx'),
      tokens: join(whisper, 'tiny.en-tokens.txt')
    })
    const moonshine = folder('moonshine', [
      'preprocess.onnx',
      'encode.int8.onnx',
      'uncached_decode.int8.onnx',
      'cached_decode.int8.onnx',
      'tokens.txt'
    ])
    expect((await detectVoiceModel(moonshine)).model).toMatchObject({ kind: 'stt', engine: 'moonshine' })
    const kokoro = writeTinyKokoroVoice(join(tempDir(), 'kokoro'), { speakers: 3 })
    // Without a folder of its own, the espeak-ng data the app found.
    const found = await detectVoiceModel(kokoro, { espeakDataDirs: [join(tempDir(), 'none'), espeakCopy()] })
    expect(found.model).toMatchObject({ kind: 'tts', engine: 'kokoro', sampleRate: 24_000, speakers: 3 })
    expect(found.files).toMatchObject({ dataDir: espeakCopy(), voices: join(kokoro, 'voices.bin') })
    const matcha = writeTinyMatchaVoice(join(tempDir(), 'matcha'), { vocoder: 'vocos' })
    expect((await detectVoiceModel(matcha, { espeakDataDirs: [espeakCopy()] })).files).toMatchObject({
      engine: 'matcha',
      acousticModel: join(matcha, 'model-steps-3.onnx'),
      vocoder: join(matcha, 'vocos-22khz-univ.onnx')
    })
    const piper = writeTinyVitsVoice(join(tempDir(), 'piper'), { layout: 'piper' })
    espeakCopy(join(piper, 'espeak-ng-data'))
    // Its own espeak-ng-data comes before the app's.
    expect((await detectVoiceModel(piper, { espeakDataDirs: [espeakCopy()] })).files).toMatchObject({
      engine: 'piper',
      dataDir: join(piper, 'espeak-ng-data')
    })
    const sense = writeTinySenseVoiceRecognizer(join(tempDir(), 'sense-voice'))
    expect((await detectVoiceModel(sense)).model).toMatchObject({ kind: 'stt', engine: 'sensevoice' })
  })

  it('refuses Piper and Kokoro voices sherpa-onnx would exit over: tokens, espeak-ng data, style', async () => {
    const piper = (name: string): string => writeTinyVitsVoice(join(tempDir(), name), { layout: 'piper' })
    const refusedByDetection = (dir: string, espeakDataDirs = [espeakCopy()]): Promise<string> =>
      refusedWith(dir, { espeakDataDirs })
    expect(await refusedByDetection(piper('no-espeak'), [])).toMatch(/espeak-ng-data folder is missing/)
    const noStart = piper('no-start')
    writeFileSync(join(noStart, 'tokens.txt'), '_ 0\n$ 1\na 2\n')
    expect(await refusedByDetection(noStart)).toMatch(/lacks the symbol\(s\) "\^"/)
    const longSymbol = piper('long-symbol')
    writeFileSync(join(longSymbol, 'tokens.txt'), '_ 0\n^ 1\n$ 2\nab 3\n')
    expect(await refusedByDetection(longSymbol)).toMatch(/"ab", which is not one character/)
    const blankLine = piper('blank-line')
    writeFileSync(join(blankLine, 'tokens.txt'), '_ 0\n^ 1\n\n$ 2\n')
    expect(await refusedByDetection(blankLine)).toMatch(/blank line/)
    const oldData = espeakCopy(join(tempDir(), 'old-espeak'))
    writeFileSync(join(oldData, 'phondata'), Buffer.from([0x01, 0x47, 0x01, 0x00, 0, 0, 0, 0]))
    expect(await refusedByDetection(piper('old-espeak'), [oldData])).toMatch(/another espeak-ng version/)
    const german = writeTinyVitsVoice(join(tempDir(), 'german'), { layout: 'piper' })
    const model = readFileSync(join(german, 'model.onnx'))
    // The same model asking espeak-ng for German, whose dictionary the copy lacks.
    writeFileSync(join(german, 'model.onnx'), Buffer.from(model.toString('latin1').replace('en-us', 'de-de'), 'latin1'))
    expect(await refusedByDetection(german)).toMatch(/no dictionary for the language "de-de"/)
    // Matcha's refusals: detectVoiceModel.matcha.test.ts.
    const kokoro = writeTinyKokoroVoice(join(tempDir(), 'kokoro-short'))
    writeFileSync(join(kokoro, 'voices.bin'), readFileSync(join(kokoro, 'voices.bin')).subarray(4))
    expect(await refusedByDetection(kokoro)).toMatch(/voices\.bin has \d+ bytes/)
  })

  it('a missing folder is MODEL_FILE_NOT_FOUND; a file or a folder without a model is MODEL_FILE_INVALID', async () => {
    const dir = tempDir()
    expect((await refusal(join(dir, 'nothing-here'))).code).toBe('MODEL_FILE_NOT_FOUND')
    writeFileSync(join(dir, 'model.onnx'), 'x')
    expect((await refusal(join(dir, 'model.onnx'))).code).toBe('MODEL_FILE_INVALID')
    const empty = join(dir, 'empty')
    mkdirSync(empty)
    expect(await refusal(empty)).toMatchObject({
      code: 'MODEL_FILE_INVALID',
      message: expect.stringMatching(/no \.onnx/)
    })
    // A Hugging Face layout (onnx/model.onnx) is not sherpa-onnx's.
    expect(
      (await refusal(writeTinyOnnxModel(join(dir, 'bert'), { task: 'feature-extraction', dimensions: 8 }))).code
    ).toBe('MODEL_FILE_INVALID')
  })

  it('a damaged or truncated model is MODEL_FILE_INVALID, before native code sees it', async () => {
    const dir = writeTinyVitsVoice(join(tempDir(), 'voice'))
    const bytes = readFileSync(join(dir, 'model.onnx'))
    writeFileSync(join(dir, 'model.onnx'), bytes.subarray(0, Math.floor(bytes.length / 2)))
    expect(await refusal(dir)).toMatchObject({
      code: 'MODEL_FILE_INVALID',
      message: expect.stringMatching(/not a valid ONNX/)
    })
    writeFileSync(join(dir, 'model.onnx'), 'not a model')
    expect((await refusal(dir)).code).toBe('MODEL_FILE_INVALID')
  })

  it('refuses what would make sherpa-onnx exit the app: missing metadata, tokens or front end', async () => {
    for (const key of ['n_speakers', 'sample_rate', 'language', 'comment']) {
      const dir = writeTinyVitsVoice(join(tempDir(), `no-${key}`), { omitMetadata: [key] })
      expect(await refusal(dir)).toMatchObject({
        code: 'MODEL_FILE_INVALID',
        message: expect.stringContaining(`"${key}"`)
      })
    }
    const noFrontend = writeTinyVitsVoice(join(tempDir(), 'no-frontend'), { omitMetadata: ['frontend'] })
    expect((await refusal(noFrontend)).message).toMatch(/espeak-ng-data folder is missing/)
    const duplicated = writeTinyVitsVoice(join(tempDir(), 'duplicated'))
    writeFileSync(join(duplicated, 'tokens.txt'), 'a 1\nb 2\na 3\n')
    expect((await refusal(duplicated)).message).toMatch(/twice/)
    const ctc = writeTinyCtcRecognizer(join(tempDir(), 'ctc'))
    writeFileSync(join(ctc, 'tokens.txt'), 'a 0\nb 1\n')
    expect((await refusal(ctc)).message).toMatch(/blank symbol/)
    const ctcNoTokens = writeTinyCtcRecognizer(join(tempDir(), 'ctc-no-tokens'))
    rmSync(join(ctcNoTokens, 'tokens.txt'))
    expect(await refusal(ctcNoTokens)).toMatchObject({
      code: 'MODEL_FILE_INVALID',
      message: expect.stringMatching(/tokens\.txt/)
    })
  })

  it('an ONNX model of another kind (the voice-activity detector, a plain graph) is MODEL_UNSUPPORTED', async () => {
    const vad = join(tempDir(), 'vad')
    mkdirSync(vad)
    copyFileSync(join(resourcesDir, 'voice', 'silero_vad.onnx'), join(vad, 'silero_vad.onnx'))
    expect((await refusal(vad)).code).toBe('MODEL_UNSUPPORTED')
    const plain = join(tempDir(), 'plain')
    mkdirSync(plain)
    writeIdentityModel(join(plain, 'model.onnx'))
    writeFileSync(join(plain, 'tokens.txt'), '<blk> 0\n')
    expect((await refusal(plain)).code).toBe('MODEL_UNSUPPORTED')
  })
})
