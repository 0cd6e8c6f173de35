import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { checkOnnxFile, type OnnxHeader } from './checkOnnxFile'
import { isFlagSet } from './voiceModelRequirements'

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

/** A model folder's listing, with the helpers each family's rule uses. */
export interface VoiceFolder {
  dir: string
  /** "The voice model folder <dir>", to start error messages. */
  label: string
  fileNames: string[]
  dirNames: Set<string>
  onnx: string[]
  /** The espeak-ng-data folder a voice of this folder would use (its own, else one the app found), if any. */
  espeakData: string | undefined
}

const at = (folder: VoiceFolder, name: string): string => join(folder.dir, name)
const has = (folder: VoiceFolder, name: string): boolean => folder.fileNames.includes(name)

/** Prefers the int8 file of a pair (the same model, smaller and faster on a CPU). */
function pick(folder: VoiceFolder, test: (name: string) => boolean): string | undefined {
  const found = folder.onnx.filter(test)
  return found.find((f) => f.includes('.int8.')) ?? found[0]
}

function requireTokens(folder: VoiceFolder): string {
  const name = has(folder, 'tokens.txt') ? 'tokens.txt' : folder.fileNames.find((f) => f.endsWith('-tokens.txt'))
  if (name === undefined) throw new AppError('MODEL_FILE_INVALID', `${folder.label} has no tokens.txt.`)
  return at(folder, name)
}

async function headerOf(folder: VoiceFolder, file: string): Promise<OnnxHeader> {
  return checkOnnxFile(await readFile(at(folder, file)), `The model file ${at(folder, file)}`)
}

const VOCODER = /vocos|hifigan|vocoder/i
/** The vocoder kinds sherpa-onnx 1.13 tells apart by their model_type metadata. */
const VOCODER_TYPES = ['hifigan', 'vocos', 'matcha-tts vocos']

/**
 * The family of the folder's model and its files, told from file names (Whisper's encoder/decoder pair, Moonshine's
 * four parts, Kokoro's voices.bin, Matcha's vocoder) or, for a single model, from its metadata and inputs. The header
 * returned is the main model's (its metadata carries what sherpa-onnx reads).
 */
export async function voiceModelFiles(folder: VoiceFolder): Promise<{ files: VoiceModelFiles; header: OnnxHeader }> {
  const encoder = pick(folder, (f) => /encoder/i.test(f) && !/^encode\./.test(f))
  const decoder = pick(folder, (f) => /decoder/i.test(f))
  if (encoder && decoder && !has(folder, 'voices.bin')) {
    const header = await headerOf(folder, encoder)
    await headerOf(folder, decoder)
    const files = { engine: 'whisper' as const, encoder: at(folder, encoder), decoder: at(folder, decoder) }
    return { files: { ...files, tokens: requireTokens(folder) }, header }
  }
  const isMoonshine =
    has(folder, 'preprocess.onnx') &&
    pick(folder, (f) => f.startsWith('encode.')) &&
    pick(folder, (f) => f.startsWith('cached_'))
  if (isMoonshine) {
    const parts = ['preprocess.onnx', 'encode.', 'uncached_decode.', 'cached_decode.'].map((prefix) => {
      const file = pick(folder, (f) => f.startsWith(prefix))
      if (!file) throw new AppError('MODEL_FILE_INVALID', `${folder.label} lacks Moonshine's ${prefix}onnx file.`)
      return file
    })
    for (const part of parts) await headerOf(folder, part)
    const [preprocessor, encodeFile, uncachedDecoder, cachedDecoder] = parts.map((p) => at(folder, p)) as [
      string,
      string,
      string,
      string
    ]
    return {
      files: {
        engine: 'moonshine',
        preprocessor,
        encoder: encodeFile,
        uncachedDecoder,
        cachedDecoder,
        tokens: requireTokens(folder)
      },
      header: { metadata: {}, inputs: [], outputs: [] }
    }
  }
  if (has(folder, 'voices.bin')) {
    const model = pick(folder, () => true) as string
    const header = await headerOf(folder, model)
    if (!folder.espeakData) {
      throw new AppError(
        'MODEL_FILE_INVALID',
        `${folder.label} is a Kokoro voice without its espeak-ng-data folder: put espeak-ng's data folder ` +
          "(espeak-ng-data) in the voice's folder or in the app's voice models folder."
      )
    }
    const lexicons = folder.fileNames.filter((f) => /^lexicon.*\.txt$/.test(f)).map((f) => at(folder, f))
    return {
      files: {
        engine: 'kokoro',
        model: at(folder, model),
        voices: at(folder, 'voices.bin'),
        tokens: requireTokens(folder),
        dataDir: folder.espeakData,
        ...(lexicons.length > 0 ? { lexicon: lexicons.join(',') } : {})
      },
      header
    }
  }
  const vocoder = pick(folder, (f) => VOCODER.test(f))
  if (vocoder && folder.onnx.length >= 2) {
    const acoustic = pick(folder, (f) => !VOCODER.test(f)) as string
    const header = await headerOf(folder, acoustic)
    // sherpa-onnx picks the vocoder's kind from this key and crashes on a vocoder it could not place.
    const vocoderType = (await headerOf(folder, vocoder)).metadata.model_type ?? ''
    if (!VOCODER_TYPES.includes(vocoderType)) {
      throw new AppError(
        'MODEL_FILE_INVALID',
        `${folder.label}: its vocoder ${vocoder} is not one sherpa-onnx runs (its model_type metadata is ` +
          `"${vocoderType}", not hifigan or vocos): use a vocoder from sherpa-onnx's vocoder-models release.`
      )
    }
    return {
      files: {
        engine: 'matcha',
        acousticModel: at(folder, acoustic),
        vocoder: at(folder, vocoder),
        tokens: requireTokens(folder),
        // Only a voice phonemized by espeak-ng uses its data (a Chinese voice reads its lexicon instead).
        ...(folder.espeakData && isFlagSet(header.metadata, 'has_espeak') ? { dataDir: folder.espeakData } : {}),
        ...(has(folder, 'lexicon.txt') ? { lexicon: at(folder, 'lexicon.txt') } : {})
      },
      header
    }
  }
  const model = pick(folder, () => true) as string
  const header = await headerOf(folder, model)
  return { files: singleModelFiles(folder, header, at(folder, model)), header }
}

/** A folder with one model: its metadata and inputs say the family (VITS/Piper, SenseVoice, NeMo or Zipformer CTC). */
function singleModelFiles(folder: VoiceFolder, header: OnnxHeader, model: string): VoiceModelFiles {
  const { metadata, inputs, outputs } = header
  // Before VITS: SenseVoice's inputs also start with x and x_length.
  if ('lfr_window_size' in metadata) return { engine: 'sensevoice', model, tokens: requireTokens(folder) }
  // A Matcha acoustic model says mel frames, not audio: sherpa-onnx exits when it has no vocoder.
  if (metadata.model_type === 'matcha-tts') {
    throw new AppError(
      'MODEL_FILE_INVALID',
      `${folder.label} holds a Matcha acoustic model without its vocoder: put a vocoder from sherpa-onnx's ` +
        'vocoder-models release (hifigan_v2.onnx or vocos-22khz-univ.onnx) in the folder.'
    )
  }
  // A VITS export names itself in its metadata or has VITS's inputs; checkRequiredMetadata then says what it lacks.
  const isVits =
    metadata.model_type === 'vits' ||
    ('sample_rate' in metadata && 'n_speakers' in metadata) ||
    (inputs[0] === 'x' && inputs[1] === 'x_length')
  if (isVits) {
    // sherpa-onnx phonemizes with espeak-ng only Piper, Coqui and icefall exports that are not character voices.
    const usesEspeak =
      metadata.frontend !== 'characters' &&
      /piper|coqui|icefall/.test(metadata.comment ?? '') &&
      folder.espeakData !== undefined
    return {
      engine: (metadata.comment ?? '').includes('piper') ? 'piper' : 'vits',
      model,
      tokens: requireTokens(folder),
      ...(usesEspeak ? { dataDir: folder.espeakData } : {}),
      ...(has(folder, 'lexicon.txt') ? { lexicon: at(folder, 'lexicon.txt') } : {}),
      ...(folder.dirNames.has('dict') ? { dictDir: at(folder, 'dict') } : {})
    }
  }
  if ('vocab_size' in metadata && 'subsampling_factor' in metadata) {
    return { engine: 'nemo-ctc', model, tokens: requireTokens(folder) }
  }
  // An offline Zipformer CTC export has no metadata: features and their lengths in, log-probs and lengths out.
  if (inputs.length === 2 && outputs.length === 2 && Object.keys(metadata).every((k) => !k.startsWith('sample'))) {
    return { engine: 'zipformer-ctc', model, tokens: requireTokens(folder) }
  }
  throw new AppError(
    'MODEL_UNSUPPORTED',
    `${folder.label} holds an ONNX model that is neither a voice (Piper, VITS, Kokoro, Matcha) nor a speech ` +
      `recogniser (Whisper, SenseVoice, Moonshine, CTC) in sherpa-onnx's layout.`
  )
}
