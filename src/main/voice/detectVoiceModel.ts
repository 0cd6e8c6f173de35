import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { VoiceEngine, VoiceModel } from '../../shared/contract/voice'
import { AppError } from '../../shared/errors'
import { checkOnnxFile, type OnnxHeader } from './checkOnnxFile'
import {
  characterTokensProblem,
  checkRequiredMetadata,
  ctcTokensProblem,
  missingVitsFrontend
} from './voiceModelRequirements'

/** What sherpa-onnx needs to open a detected model: the files of its family, by sherpa-onnx-node's config names. */
export type VoiceModelFiles =
  | { engine: 'piper' | 'vits'; model: string; tokens: string; dataDir?: string; lexicon?: string; dictDir?: string }
  | { engine: 'kokoro'; model: string; voices: string; tokens: string; dataDir: string; lexicon?: string }
  | { engine: 'matcha'; acousticModel: string; vocoder: string; tokens: string; dataDir?: string; lexicon?: string }
  | { engine: 'whisper'; encoder: string; decoder: string; tokens: string }
  | {
      engine: 'moonshine'
      preprocessor: string
      encoder: string
      uncachedDecoder: string
      cachedDecoder: string
      tokens: string
    }
  | { engine: 'sensevoice' | 'zipformer-ctc' | 'nemo-ctc'; model: string; tokens: string }

export interface DetectedVoiceModel {
  model: VoiceModel
  files: VoiceModelFiles
}

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

/**
 * Looks at a folder in sherpa-onnx's layout and says what it holds: which family (from its file names and its
 * model's metadata), whether it speaks or listens, its sample rate and speakers. Everything sherpa-onnx would stop
 * the whole process over (a missing metadata key, a missing tokens.txt, a damaged model) is refused here with a typed
 * error: MODEL_FILE_NOT_FOUND (no such folder), MODEL_FILE_INVALID (damaged or incomplete), MODEL_UNSUPPORTED (an
 * ONNX model that is neither a voice nor a recogniser sherpa-onnx runs).
 */
export async function detectVoiceModel(path: string): Promise<DetectedVoiceModel> {
  const dir = resolve(path)
  const label = `The voice model folder ${dir}`
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => null
  )
  if (isDir === null) throw new AppError('MODEL_FILE_NOT_FOUND', `${label} does not exist.`)
  if (!isDir) throw new AppError('MODEL_FILE_INVALID', `${label} is not a folder: choose the folder holding the model.`)
  const entries = await readdir(dir, { withFileTypes: true })
  const fileNames = entries.filter((e) => e.isFile()).map((e) => e.name)
  const dirNames = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name))
  const onnx = fileNames.filter((f) => f.toLowerCase().endsWith('.onnx'))
  if (onnx.length === 0) throw new AppError('MODEL_FILE_INVALID', `${label} holds no .onnx model.`)
  const at = (name: string): string => join(dir, name)
  const has = (name: string): boolean => fileNames.includes(name)
  /** Prefers the int8 file of a pair (the same model, smaller and faster on a CPU). */
  const pick = (test: (name: string) => boolean): string | undefined => {
    const found = onnx.filter(test)
    return found.find((f) => f.includes('.int8.')) ?? found[0]
  }
  const tokensFile = has('tokens.txt') ? 'tokens.txt' : fileNames.find((f) => f.endsWith('-tokens.txt'))
  const requireTokens = (): string => {
    if (tokensFile === undefined) throw new AppError('MODEL_FILE_INVALID', `${label} has no tokens.txt.`)
    return at(tokensFile)
  }
  const headerOf = async (file: string): Promise<OnnxHeader> =>
    checkOnnxFile(await readFile(at(file)), `The model file ${at(file)}`)
  const dataDir = dirNames.has('espeak-ng-data') ? at('espeak-ng-data') : undefined

  let files: VoiceModelFiles
  let header: OnnxHeader
  const encoder = pick((f) => /encoder/i.test(f) && !/^encode\./.test(f))
  const decoder = pick((f) => /decoder/i.test(f))
  if (encoder && decoder && !has('voices.bin')) {
    header = await headerOf(encoder)
    await headerOf(decoder)
    files = { engine: 'whisper', encoder: at(encoder), decoder: at(decoder), tokens: requireTokens() }
  } else if (has('preprocess.onnx') && pick((f) => f.startsWith('encode.')) && pick((f) => f.startsWith('cached_'))) {
    const parts = ['preprocess.onnx', 'encode.', 'uncached_decode.', 'cached_decode.'].map((prefix) => {
      const file = pick((f) => f.startsWith(prefix))
      if (!file) throw new AppError('MODEL_FILE_INVALID', `${label} lacks Moonshine's ${prefix}onnx file.`)
      return file
    })
    for (const part of parts) await headerOf(part)
    header = { metadata: {}, inputs: [], outputs: [] }
    const [preprocessor, encodeFile, uncachedDecoder, cachedDecoder] = parts.map(at) as [string, string, string, string]
    files = {
      engine: 'moonshine',
      preprocessor,
      encoder: encodeFile,
      uncachedDecoder,
      cachedDecoder,
      tokens: requireTokens()
    }
  } else if (has('voices.bin')) {
    const model = pick(() => true) as string
    header = await headerOf(model)
    if (!dataDir)
      throw new AppError('MODEL_FILE_INVALID', `${label} is a Kokoro voice without its espeak-ng-data folder.`)
    const lexicon = fileNames.find((f) => /^lexicon.*\.txt$/.test(f))
    files = {
      engine: 'kokoro',
      model: at(model),
      voices: at('voices.bin'),
      tokens: requireTokens(),
      dataDir,
      ...(lexicon
        ? {
            lexicon: fileNames
              .filter((f) => /^lexicon.*\.txt$/.test(f))
              .map(at)
              .join(',')
          }
        : {})
    }
  } else if (pick((f) => /vocos|hifigan|vocoder/i.test(f)) && onnx.length >= 2) {
    const vocoder = pick((f) => /vocos|hifigan|vocoder/i.test(f)) as string
    const acoustic = pick((f) => !/vocos|hifigan|vocoder/i.test(f)) as string
    header = await headerOf(acoustic)
    await headerOf(vocoder)
    files = {
      engine: 'matcha',
      acousticModel: at(acoustic),
      vocoder: at(vocoder),
      tokens: requireTokens(),
      ...(dataDir ? { dataDir } : {}),
      ...(has('lexicon.txt') ? { lexicon: at('lexicon.txt') } : {})
    }
  } else {
    const model = pick(() => true) as string
    header = await headerOf(model)
    files = singleModelFiles(header, at(model), label, {
      tokens: requireTokens,
      dataDir,
      lexicon: has('lexicon.txt') ? at('lexicon.txt') : undefined,
      dictDir: dirNames.has('dict') ? at('dict') : undefined
    })
  }
  checkRequiredMetadata(files.engine, header.metadata, label)
  const vitsProblem =
    files.engine === 'vits' || files.engine === 'piper' ? missingVitsFrontend(header.metadata, files) : null
  if (vitsProblem) throw new AppError('MODEL_FILE_INVALID', `${label}: ${vitsProblem}`)
  const tokensProblem = await tokensProblemOf(files, header.metadata)
  if (tokensProblem) throw new AppError('MODEL_FILE_INVALID', `${label}: ${tokensProblem}`)
  const isTts = ['piper', 'vits', 'kokoro', 'matcha'].includes(files.engine)
  const sizes = await Promise.all(fileNames.map((f) => stat(at(f)).then((s) => s.size)))
  return {
    files,
    model: {
      id: voiceModelId(dir),
      name: basename(dir),
      path: dir,
      kind: isTts ? 'tts' : 'stt',
      engine: files.engine,
      sampleRate: isTts ? (positiveInt(header.metadata.sample_rate) ?? 24_000) : 16_000,
      speakers: isTts ? Math.max(1, positiveInt(header.metadata.n_speakers) ?? 1) : 0,
      language: header.metadata.language || null,
      licence: (await ownLicence(dir, fileNames)) ?? USUAL_LICENCE[files.engine],
      sizeBytes: sizes.reduce((sum, size) => sum + size, 0)
    }
  }
}

/** Stable for a folder's absolute path, so a model keeps its id (and a character its voice) across restarts. */
export function voiceModelId(path: string): string {
  return createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16)
}

/** A folder with one model: its metadata and inputs say the family (VITS/Piper, SenseVoice, NeMo or Zipformer CTC). */
function singleModelFiles(
  header: OnnxHeader,
  model: string,
  label: string,
  extra: { tokens: () => string; dataDir?: string; lexicon?: string; dictDir?: string }
): VoiceModelFiles {
  const { metadata, inputs, outputs } = header
  // A VITS export names itself in its metadata or has VITS's inputs; checkRequiredMetadata then says what it lacks.
  const isVits =
    metadata.model_type === 'vits' ||
    ('sample_rate' in metadata && 'n_speakers' in metadata) ||
    (inputs[0] === 'x' && inputs[1] === 'x_length')
  if (isVits) {
    return {
      engine: (metadata.comment ?? '').includes('piper') ? 'piper' : 'vits',
      model,
      tokens: extra.tokens(),
      ...(extra.dataDir ? { dataDir: extra.dataDir } : {}),
      ...(extra.lexicon ? { lexicon: extra.lexicon } : {}),
      ...(extra.dictDir ? { dictDir: extra.dictDir } : {})
    }
  }
  if ('lfr_window_size' in metadata) return { engine: 'sensevoice', model, tokens: extra.tokens() }
  if ('vocab_size' in metadata && 'subsampling_factor' in metadata)
    return { engine: 'nemo-ctc', model, tokens: extra.tokens() }
  // An offline Zipformer CTC export has no metadata: features and their lengths in, log-probs and lengths out.
  if (inputs.length === 2 && outputs.length === 2 && Object.keys(metadata).every((k) => !k.startsWith('sample'))) {
    return { engine: 'zipformer-ctc', model, tokens: extra.tokens() }
  }
  throw new AppError(
    'MODEL_UNSUPPORTED',
    `${label} holds an ONNX model that is neither a voice (Piper, VITS, Kokoro, Matcha) nor a speech recogniser ` +
      `(Whisper, SenseVoice, Moonshine, CTC) in sherpa-onnx's layout.`
  )
}

/** tokens.txt lines sherpa-onnx would exit over, for the families whose tokens it parses strictly. */
async function tokensProblemOf(files: VoiceModelFiles, metadata: Record<string, string>): Promise<string | null> {
  if (files.engine === 'zipformer-ctc' || files.engine === 'nemo-ctc') {
    return ctcTokensProblem(await readFile(files.tokens, 'utf8'))
  }
  if ((files.engine === 'vits' || files.engine === 'piper') && metadata.frontend === 'characters') {
    return characterTokensProblem(await readFile(files.tokens, 'utf8'))
  }
  return null
}

function positiveInt(value: string | undefined): number | null {
  const number = Number(value)
  return value !== undefined && Number.isInteger(number) && number > 0 ? number : null
}

/** The first line of the folder's own licence or model card that names a licence. */
async function ownLicence(dir: string, fileNames: string[]): Promise<string | null> {
  for (const name of LICENCE_FILES) {
    if (!fileNames.includes(name)) continue
    const text = await readFile(join(dir, name), 'utf8')
    const line = text
      .split('\n')
      .map((l) => l.replace(/^[#*\s-]+/, '').trim())
      .find((l) => /licen[cs]e|CC[- ]BY|MIT|Apache|GPL|public domain/i.test(l))
    if (line) return `${line.slice(0, 200)} (from ${name})`
  }
  return null
}
