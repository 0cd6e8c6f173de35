/** Audio on the wire is base64 (see contract/voice.ts): 16-bit PCM to the main process, float32 back. */

/** Base64 of bytes, in slices: String.fromCharCode over a whole second of audio would overflow the call stack. */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  return btoa(binary)
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

/** Little-endian 16-bit samples as base64 (every platform the app runs on is little-endian, like the wire format). */
export function int16ToBase64(samples: Int16Array): string {
  return bytesToBase64(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength))
}

/** Float32 little-endian samples from base64. */
export function base64ToFloat32(base64: string): Float32Array<ArrayBuffer> {
  const bytes = base64ToBytes(base64)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const samples = new Float32Array(Math.floor(bytes.length / 4))
  for (let index = 0; index < samples.length; index++) samples[index] = view.getFloat32(index * 4, true)
  return samples
}

/** Float samples in [-1, 1] as 16-bit PCM (clipped). */
export function floatToInt16(samples: Float32Array): Int16Array<ArrayBuffer> {
  const out = new Int16Array(samples.length)
  for (let index = 0; index < samples.length; index++) {
    const value = Math.max(-1, Math.min(1, samples[index] ?? 0))
    out[index] = Math.round(value < 0 ? value * 32768 : value * 32767)
  }
  return out
}
