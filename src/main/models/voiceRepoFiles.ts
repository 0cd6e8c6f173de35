/** Where downloaded voice models go inside the models folder; the voice library lists its subfolders. */
export const VOICE_MODELS_SUBDIR = 'voice'

/** Repository files a voice model never needs: sample recordings, export scripts, git plumbing. */
const NOT_NEEDED = /(^|\/)(test_wavs?|test_data)\/|\.(wav|mp3|flac|py|sh|ipynb)$|^\.git/

/**
 * The files to fetch when a hub repository holds a voice or recogniser in sherpa-onnx's layout (as csukuangfj's
 * sherpa-onnx-* and vits-piper-* repositories do): a tokens file and ONNX models at the top, with their folders
 * (espeak-ng-data, dict) and lexicons. A model whose int8 twin is there is skipped: the app uses the int8 one. Null
 * when the repository is not in that layout.
 */
export function voiceRepoFiles(files: readonly string[]): string[] | null {
  const top = files.filter((f) => !f.includes('/'))
  const hasTokens = top.some((f) => f === 'tokens.txt' || f.endsWith('-tokens.txt'))
  const models = top.filter((f) => f.endsWith('.onnx'))
  if (!hasTokens || models.length === 0 || top.includes('config.json')) return null
  const hasInt8Twin = (f: string): boolean =>
    f.endsWith('.onnx') && !f.includes('.int8.') && top.includes(f.replace(/\.onnx$/, '.int8.onnx'))
  return files.filter((f) => !NOT_NEEDED.test(f) && !hasInt8Twin(f))
}
