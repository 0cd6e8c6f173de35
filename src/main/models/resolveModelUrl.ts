import { AppError } from '../../shared/errors'

/**
 * `hf:<user>/<repo>/<file.gguf>` (or `hf:<user>/<repo>/<revision>/<file.gguf>`) -> the Hugging Face download URL;
 * https and http URLs pass through. Anything else is refused.
 */
export function resolveModelUrl(input: string): string {
  const text = input.trim()
  const hf = text.match(/^hf:([^/\s]+)\/([^/\s]+)\/(?:([^/\s]+)\/)?([^/\s]+\.gguf)$/i)
  if (hf) return `https://huggingface.co/${hf[1]}/${hf[2]}/resolve/${hf[3] ?? 'main'}/${hf[4]}`
  let url: URL
  try {
    url = new URL(text)
  } catch (cause) {
    throw new AppError(
      'INVALID_INPUT',
      'Give a download link (https://…/model.gguf) or an hf:user/repo/file.gguf address.',
      { cause }
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('INVALID_INPUT', 'Only http(s) links and hf: addresses can be downloaded.')
  return url.toString()
}
