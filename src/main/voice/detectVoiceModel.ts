import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { VoiceModel } from '../../shared/contract/voice'
import { AppError } from '../../shared/errors'
import { ESPEAK_DATA_DIR, espeakDataProblem, findEspeakData } from './espeakData'
import { voiceLicence } from './voiceLicence'
import { voiceModelFiles, type VoiceFolder, type VoiceModelFiles } from './voiceModelFiles'
import {
  characterTokensProblem,
  checkRequiredMetadata,
  ctcTokensProblem,
  kokoroProblem,
  missingMatchaFrontend,
  missingVitsFrontend,
  piperTokensProblem,
  whisperProblem,
  whisperTokensProblem
} from './voiceModelRequirements'

export type { VoiceModelFiles } from './voiceModelFiles'

export interface DetectedVoiceModel {
  model: VoiceModel
  files: VoiceModelFiles
}

export interface DetectOptions {
  /**
   * espeak-ng-data folders a Piper or Kokoro voice without its own copy may use, in order of preference (the app's
   * bundled or user-added copy, then the system's).
   */
  espeakDataDirs?: readonly string[]
}

/**
 * Looks at a folder in sherpa-onnx's layout and says what it holds: which family (from its file names and its
 * model's metadata), whether it speaks or listens, its sample rate and speakers. Everything sherpa-onnx would stop
 * the whole process over (a missing metadata key, a missing tokens.txt, a damaged model, unusable espeak-ng data) is
 * refused here with a typed error: MODEL_FILE_NOT_FOUND (no such folder), MODEL_FILE_INVALID (damaged or incomplete),
 * MODEL_UNSUPPORTED (an ONNX model that is neither a voice nor a recogniser sherpa-onnx runs).
 */
export async function detectVoiceModel(path: string, options: DetectOptions = {}): Promise<DetectedVoiceModel> {
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
  const ownEspeak = dirNames.has(ESPEAK_DATA_DIR) ? [join(dir, ESPEAK_DATA_DIR)] : []
  const folder: VoiceFolder = {
    dir,
    label,
    fileNames,
    dirNames,
    onnx,
    espeakData: await findEspeakData([...ownEspeak, ...(options.espeakDataDirs ?? [])])
  }

  const { files, header } = await voiceModelFiles(folder)
  const { metadata } = header
  checkRequiredMetadata(files.engine, metadata, label)
  const problem =
    (files.engine === 'vits' || files.engine === 'piper' ? missingVitsFrontend(metadata, files) : null) ??
    (files.engine === 'kokoro' ? await kokoroProblem(metadata, files) : null) ??
    (files.engine === 'matcha' ? missingMatchaFrontend(metadata, files) : null) ??
    (files.engine === 'whisper' ? whisperProblem(metadata) : null) ??
    (await tokensProblemOf(files, metadata)) ??
    ('dataDir' in files && files.dataDir ? await espeakDataProblem(files.dataDir, metadata.voice ?? '') : null)
  if (problem) throw new AppError('MODEL_FILE_INVALID', `${label}: ${problem}`)
  const isTts = ['piper', 'vits', 'kokoro', 'matcha'].includes(files.engine)
  const sizes = await Promise.all(fileNames.map((f) => stat(join(dir, f)).then((s) => s.size)))
  return {
    files,
    model: {
      id: voiceModelId(dir),
      name: basename(dir),
      path: dir,
      kind: isTts ? 'tts' : 'stt',
      engine: files.engine,
      sampleRate: isTts ? (positiveInt(metadata.sample_rate) ?? 24_000) : 16_000,
      speakers: isTts ? Math.max(1, positiveInt(metadata.n_speakers) ?? 1) : 0,
      language: metadata.language || null,
      licence: await voiceLicence(dir, fileNames, files.engine),
      sizeBytes: sizes.reduce((sum, size) => sum + size, 0)
    }
  }
}

/** Stable for a folder's absolute path, so a model keeps its id (and a character its voice) across restarts. */
export function voiceModelId(path: string): string {
  return createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16)
}

/** tokens.txt lines sherpa-onnx would exit over, for the families whose tokens it parses strictly. */
async function tokensProblemOf(files: VoiceModelFiles, metadata: Record<string, string>): Promise<string | null> {
  if (files.engine === 'zipformer-ctc' || files.engine === 'nemo-ctc') {
    return ctcTokensProblem(await readFile(files.tokens, 'utf8'))
  }
  if (files.engine === 'whisper') return whisperTokensProblem(await readFile(files.tokens, 'utf8'))
  const isVits = files.engine === 'vits' || files.engine === 'piper'
  if (isVits && metadata.frontend === 'characters') {
    return characterTokensProblem(await readFile(files.tokens, 'utf8'))
  }
  // Phonemes read by espeak-ng's front end: one character per token, and Piper's pad, start and end symbols (Matcha
  // frames a sentence with the start and end ones).
  if ((isVits || files.engine === 'kokoro' || files.engine === 'matcha') && files.dataDir) {
    const required: Partial<Record<VoiceModelFiles['engine'], string[]>> = { kokoro: [], matcha: ['^', '$'] }
    return piperTokensProblem(await readFile(files.tokens, 'utf8'), {
      required: /coqui/.test(metadata.comment ?? '') ? [','] : (required[files.engine] ?? ['_', '^', '$'])
    })
  }
  return null
}

function positiveInt(value: string | undefined): number | null {
  const number = Number(value)
  return value !== undefined && Number.isInteger(number) && number > 0 ? number : null
}
