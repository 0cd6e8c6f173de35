import { AppError } from '../../shared/errors'

/** Mono 16-bit signed little-endian PCM (base64, as the renderer's microphone worklet sends it) as float samples. */
export function decodePcm16Base64(audioBase64: string): Float32Array {
  const bytes = Buffer.from(audioBase64, 'base64')
  if (bytes.length % 2 !== 0) throw new AppError('INVALID_INPUT', 'The audio is not 16-bit PCM (an odd byte count).')
  const samples = new Float32Array(bytes.length / 2)
  for (let index = 0; index < samples.length; index++) samples[index] = bytes.readInt16LE(index * 2) / 32768
  return samples
}

/** Float samples as little-endian float32 bytes in base64 (what Web Audio's AudioBuffer takes as is). */
export function encodeFloat32Base64(samples: Float32Array): string {
  const bytes = Buffer.alloc(samples.length * 4)
  for (let index = 0; index < samples.length; index++) bytes.writeFloatLE(samples[index] ?? 0, index * 4)
  return bytes.toString('base64')
}

/** The test and bench counterpart of decodePcm16Base64: what a microphone worklet would send. */
export function encodePcm16Base64(samples: Float32Array): string {
  const bytes = Buffer.alloc(samples.length * 2)
  for (let index = 0; index < samples.length; index++) {
    bytes.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[index] ?? 0)) * 32767), index * 2)
  }
  return bytes.toString('base64')
}
