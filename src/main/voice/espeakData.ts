import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** The folder name sherpa-onnx's voices ship their phoneme data under, and the name the app looks for. */
export const ESPEAK_DATA_DIR = 'espeak-ng-data'

/**
 * Where Linux distributions install espeak-ng's data (Debian/Ubuntu's espeak-ng-data package, Fedora, Arch): a Piper
 * or Kokoro voice downloaded without its own copy can use it.
 */
export const SYSTEM_ESPEAK_DATA_DIRS = [
  '/usr/lib/x86_64-linux-gnu/espeak-ng-data',
  '/usr/lib/aarch64-linux-gnu/espeak-ng-data',
  '/usr/share/espeak-ng-data',
  '/usr/lib/espeak-ng-data',
  '/usr/lib64/espeak-ng-data'
]

/** The files espeak-ng reads when it starts; phondata begins with its format version. */
const CORE_FILES = ['phontab', 'phonindex', 'phondata', 'intonations']
/** espeak-ng's phoneme data format since 1.48.01 (the version sherpa-onnx's espeak-ng checks, little-endian). */
const PHONDATA_VERSION = 0x014801

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false
  )
}

/** The first candidate folder that exists (the voice's own copy comes first in the list the caller gives). */
export async function findEspeakData(candidates: readonly string[]): Promise<string | undefined> {
  for (const dir of candidates) if (await isDir(dir)) return dir
  return undefined
}

/**
 * Why espeak-ng could not phonemize `voice` (e.g. "en-us") with this data folder, or null when it can. sherpa-onnx
 * exits the whole process when espeak-ng fails to start (a missing file, another data version) and aborts when the
 * voice's language has no dictionary, so the folder is checked before a voice using it is opened.
 */
export async function espeakDataProblem(dir: string, voice: string): Promise<string | null> {
  for (const name of CORE_FILES) {
    const found = await stat(join(dir, name)).then(
      (s) => s.isFile(),
      () => false
    )
    if (!found) return `its espeak-ng-data folder ${dir} lacks the file ${name}`
  }
  const head = (await readFile(join(dir, 'phondata'))).subarray(0, 4)
  const version = head.length === 4 ? head.readUInt32LE(0) : -1
  if (version !== PHONDATA_VERSION) {
    return `its espeak-ng-data folder ${dir} is of another espeak-ng version (0x${version.toString(16)})`
  }
  // espeak-ng names a language's dictionary after the voice's language code: en-us -> en_dict.
  const language = (voice || 'en').split('-')[0]
  const hasDict = await stat(join(dir, `${language}_dict`)).then(
    (s) => s.isFile(),
    () => false
  )
  return hasDict ? null : `its espeak-ng-data folder ${dir} has no dictionary for the language "${voice}"`
}
