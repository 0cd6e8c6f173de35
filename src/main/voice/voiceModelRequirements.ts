import { stat } from 'node:fs/promises'
import type { VoiceEngine } from '../../shared/contract/voice'
import { AppError } from '../../shared/errors'

/**
 * Metadata keys sherpa-onnx 1.13 reads with SHERPA_ONNX_READ_META_DATA(_STR): when one is missing or negative it
 * calls _Exit and the whole app dies, so a model without them is refused before sherpa-onnx opens it. Moonshine, whose
 * exports come only from sherpa-onnx's own script, is checked by its files; Whisper's keys are on its encoder.
 */
const REQUIRED_METADATA: Partial<Record<VoiceEngine, { integers: string[]; strings: string[] }>> = {
  vits: { integers: ['sample_rate', 'n_speakers'], strings: ['language', 'comment'] },
  piper: { integers: ['sample_rate', 'n_speakers'], strings: ['language', 'comment'] },
  kokoro: { integers: ['sample_rate', 'n_speakers', 'has_espeak'], strings: ['style_dim'] },
  matcha: { integers: ['sample_rate', 'n_speakers', 'use_eos_bos', 'pad_id'], strings: [] },
  'nemo-ctc': { integers: ['vocab_size', 'subsampling_factor'], strings: [] },
  whisper: {
    integers: [
      'n_mels',
      'n_text_layer',
      'n_text_ctx',
      'n_text_state',
      'n_vocab',
      'sot',
      'eot',
      'blank_id',
      'translate',
      'transcribe',
      'is_multilingual',
      'no_timestamps',
      'no_speech'
    ],
    strings: ['sot_sequence']
  },
  sensevoice: {
    integers: [
      'vocab_size',
      'lfr_window_size',
      'lfr_window_shift',
      'normalize_samples',
      'with_itn',
      'without_itn',
      'lang_auto',
      'lang_zh',
      'lang_en',
      'lang_ja',
      'lang_ko',
      'lang_yue'
    ],
    strings: ['neg_mean', 'inv_stddev']
  }
}

/** Optional integer keys sherpa-onnx still refuses (with _Exit) when they are negative. */
const NON_NEGATIVE_IF_PRESENT = [
  'add_blank',
  'speaker_id',
  'version',
  'jieba',
  'blank_id',
  'bos_id',
  'eos_id',
  'pad_id'
]

export function checkRequiredMetadata(engine: VoiceEngine, metadata: Record<string, string>, label: string): void {
  const required = REQUIRED_METADATA[engine]
  if (!required) return
  const invalid = (why: string): AppError =>
    new AppError('MODEL_FILE_INVALID', `${label} is an incomplete ${engine} export: ${why}.`)
  for (const key of [...required.integers, ...required.strings]) {
    if (!metadata[key]) throw invalid(`its model has no "${key}" metadata`)
  }
  // sherpa-onnx reads integers with atoi: "abc" is 0 (accepted), "-1" is refused.
  for (const key of [...required.integers, ...NON_NEGATIVE_IF_PRESENT]) {
    const value = metadata[key]
    if (value !== undefined && value !== '' && Number.parseInt(value, 10) < 0) {
      throw invalid(`its "${key}" metadata is negative`)
    }
  }
}

/**
 * sherpa-onnx picks a VITS model's text front end from its metadata and the files given, and exits when none fits:
 * characters (tokens.txt alone), espeak-ng phonemes (Piper, Coqui and icefall exports with espeak-ng-data), jieba
 * (with its dict folder, and only then) or a lexicon. Returns the problem, or null when one fits.
 */
export function missingVitsFrontend(
  metadata: Record<string, string>,
  files: { dataDir?: string; lexicon?: string; dictDir?: string }
): string | null {
  const comment = metadata.comment ?? ''
  const usesJieba = Number.parseInt(metadata.jieba ?? '0', 10) > 0
  if (usesJieba && !files.dictDir) return 'this Chinese voice needs its dict folder (jieba)'
  if (!usesJieba && files.dictDir) return 'this voice does not use jieba, but the folder has a dict folder'
  if (comment.includes('melo') && Number.parseInt(metadata.version ?? '0', 10) < 2) {
    return 'this MeloTTS export is too old for sherpa-onnx (version 2 or later is needed)'
  }
  if (metadata.frontend === 'characters' || usesJieba) return null
  if (/piper|coqui|icefall/.test(comment) && files.dataDir) return null
  if (files.lexicon) return null
  return /piper|coqui|icefall/.test(comment)
    ? ESPEAK_DATA_MISSING
    : 'it has neither a lexicon.txt nor an espeak-ng-data folder'
}

const ESPEAK_DATA_MISSING =
  "its espeak-ng-data folder is missing: put espeak-ng's data folder (espeak-ng-data) in the voice's folder " +
  "or in the app's voice models folder, or install your system's espeak-ng-data package"

/** A metadata flag sherpa-onnx reads with atoi: set when it is a positive number. */
export function isFlagSet(metadata: Record<string, string>, key: string): boolean {
  return Number.parseInt(metadata[key] ?? '0', 10) > 0
}

/**
 * sherpa-onnx picks a Matcha voice's text front end from its acoustic model's metadata and exits when none fits: a
 * lexicon (jieba, for Chinese, or the "zh en-us" voice) or espeak-ng phonemes (has_espeak, with espeak-ng-data).
 * Returns the problem, or null when one fits.
 */
export function missingMatchaFrontend(
  metadata: Record<string, string>,
  files: { dataDir?: string; lexicon?: string }
): string | null {
  if (metadata.voice === 'zh en-us' || isFlagSet(metadata, 'jieba')) {
    return files.lexicon ? null : 'this voice needs its lexicon.txt'
  }
  if (!isFlagSet(metadata, 'has_espeak')) {
    return 'sherpa-onnx has no text front end for it: its metadata names neither espeak-ng (has_espeak) nor jieba'
  }
  return files.dataDir ? null : ESPEAK_DATA_MISSING
}

/** CTC decoding needs the blank symbol in tokens.txt; without it sherpa-onnx exits. */
export function ctcTokensProblem(tokensText: string): string | null {
  const symbols = new Set(tokensText.split('\n').map((line) => line.trim().split(/\s+/)[0]))
  return ['<blk>', '<eps>', '<blank>'].some((s) => symbols.has(s))
    ? null
    : 'its tokens.txt has no blank symbol (<blk>, <eps> or <blank>)'
}

/** A character voice's tokens.txt: one character (or a Coqui special symbol) and an id per line, no duplicates. */
export function characterTokensProblem(tokensText: string): string | null {
  const seen = new Set<string>()
  const special = new Set(['<PAD>', '<EOS>', '<BOS>', '<BLNK>'])
  for (const line of tokensText.split('\n')) {
    const trimmed = line.replace(/\r$/, '')
    if (trimmed.trim() === '') continue
    const parts = trimmed.trim().split(/\s+/)
    // A line holding only an id is the space character.
    const symbol = parts.length === 1 ? ' ' : (parts[0] ?? '')
    if (parts.length > 2 || !/^\d+$/.test(parts.at(-1) ?? '')) return `its tokens.txt has a malformed line "${trimmed}"`
    if (special.has(symbol)) continue
    if ([...symbol].length !== 1) return `its tokens.txt has "${symbol}", which is not one character`
    if (seen.has(symbol)) return `its tokens.txt lists "${symbol}" twice`
    seen.add(symbol)
  }
  return null
}

/**
 * A tokens.txt read by sherpa-onnx's espeak-ng front end (Piper, Coqui and icefall VITS, Kokoro): it exits on a blank
 * line, a symbol of more than one character (but <BLNK>) or a repeated one, and aborts when a symbol it maps
 * phonemes with is missing (Piper's pad "_", start "^" and end "$"; Coqui's ",").
 */
export function piperTokensProblem(tokensText: string, options: { required: string[] }): string | null {
  const seen = new Set<string>()
  const lines = tokensText.replace(/\n$/, '').split('\n')
  for (const line of lines) {
    const trimmed = line.replace(/\r$/, '')
    if (trimmed.trim() === '') return 'its tokens.txt has a blank line'
    const parts = trimmed.trim().split(/\s+/)
    // A line holding only an id is the space character.
    const symbol = parts.length === 1 ? ' ' : (parts[0] ?? '')
    if (parts.length > 2 || !/^\d+$/.test(parts.at(-1) ?? '')) return `its tokens.txt has a malformed line "${trimmed}"`
    if (symbol === '<BLNK>') continue
    if ([...symbol].length !== 1) return `its tokens.txt has "${symbol}", which is not one character`
    if (seen.has(symbol)) return `its tokens.txt lists "${symbol}" twice`
    seen.add(symbol)
  }
  const missing = options.required.filter((symbol) => !seen.has(symbol))
  return missing.length > 0 ? `its tokens.txt lacks the symbol(s) ${missing.map((m) => `"${m}"`).join(' ')}` : null
}

/**
 * A Kokoro voice's style table: sherpa-onnx exits unless style_dim is three positive numbers [tokens, 1, width] and
 * voices.bin holds exactly speakers x tokens x width floats, and unless a multilingual (version 2) voice has a lexicon.
 */
export async function kokoroProblem(
  metadata: Record<string, string>,
  files: { voices: string; lexicon?: string }
): Promise<string | null> {
  const dims = (metadata.style_dim ?? '').split(',').map((d) => Number.parseInt(d.trim(), 10))
  const [tokens = 0, one = 0, width = 0] = dims
  if (dims.length !== 3 || one !== 1 || !(tokens > 0) || !(width > 0)) {
    return `its "style_dim" metadata "${metadata.style_dim}" is not "tokens,1,width"`
  }
  const speakers = Number.parseInt(metadata.n_speakers ?? '0', 10)
  const { size } = await stat(files.voices)
  if (size !== speakers * tokens * width * 4) {
    return `its voices.bin has ${size} bytes, not the ${speakers * tokens * width * 4} its metadata describes`
  }
  if (Number.parseInt(metadata.version ?? '1', 10) >= 2 && !files.lexicon) {
    return 'this multilingual Kokoro voice needs its lexicon files (lexicon-*.txt)'
  }
  return null
}

/**
 * A multilingual Whisper encoder names its language tokens and their codes, one for one (sherpa-onnx exits
 * otherwise), and its start sequence holds the language and task slots sherpa-onnx overwrites.
 */
export function whisperProblem(metadata: Record<string, string>): string | null {
  if (!isFlagSet(metadata, 'is_multilingual')) return null
  const list = (key: string): string[] => (metadata[key] ?? '').split(',').filter((item) => item.trim() !== '')
  const tokens = list('all_language_tokens')
  const codes = list('all_language_codes')
  if (tokens.length === 0) return 'this multilingual model has no "all_language_tokens" metadata'
  if (tokens.length !== codes.length) {
    return `this multilingual model has ${tokens.length} language tokens but ${codes.length} language codes`
  }
  return list('sot_sequence').length < 3 ? 'its "sot_sequence" lacks the language and task tokens' : null
}

/** Whisper's tokens.txt holds base64 symbols; sherpa-onnx decodes each and exits on one that is not base64. */
export function whisperTokensProblem(tokensText: string): string | null {
  const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2,3}={0,2})?$/
  for (const line of tokensText.split('\n')) {
    if (line.trim() === '') continue
    const symbol = line.trim().split(/\s+/)[0] ?? ''
    if (line.trim().split(/\s+/).length !== 2 || !base64.test(symbol)) {
      return `its tokens.txt has "${line.trim()}", not a base64 token and its id as Whisper's tokens are`
    }
  }
  return null
}
