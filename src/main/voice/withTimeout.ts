import { AppError } from '../../shared/errors'

/**
 * The promise, or MODEL_FILE_INVALID after `ms`. sherpa-onnx 1.13's async calls never settle when ONNX Runtime fails
 * inside them (a model whose graph breaks at run time): without a deadline the request, and every one queued behind
 * it, would wait forever.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('MODEL_FILE_INVALID', `${what} did not finish in ${Math.round(ms / 1000)} s.`)),
      ms
    )
  })
  try {
    return await Promise.race([promise, deadline])
  } finally {
    clearTimeout(timer)
  }
}
