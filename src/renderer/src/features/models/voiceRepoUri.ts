/** Where the download manager puts voice repositories, inside the models folder (main/models/voiceRepoFiles). */
const VOICE_SUBFOLDER = 'voice'

/** `user/repo`, `hf:user/repo` or the repository's web address as `hf:user/repo`; null for anything else. */
export function voiceRepoUri(input: string): string | null {
  const repo = input
    .trim()
    .replace(/^https?:\/\/huggingface\.co\//, '')
    .replace(/^hf:/, '')
    .replace(/\/+$/, '')
  return /^[\w.-]+\/[\w.-]+$/.test(repo) ? `hf:${repo}` : null
}

/** Whether a path is inside the app's voice folder (downloads go there), on any platform's separators. */
export function isInVoiceFolder(path: string, modelsDir: string): boolean {
  const slashes = (p: string): string => p.replaceAll('\\', '/').replace(/\/+$/, '')
  return modelsDir !== '' && slashes(path).startsWith(`${slashes(modelsDir)}/${VOICE_SUBFOLDER}/`)
}
