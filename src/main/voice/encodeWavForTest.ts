/** Builds WAV bytes (16-bit PCM or 32-bit float, interleaved channels) for tests of the WAV reader and the detector. */
export function encodeWavForTest(
  channels: Float32Array[],
  sampleRate: number,
  format: 'pcm16' | 'float32' = 'pcm16'
): Uint8Array {
  const bytesPerSample = format === 'pcm16' ? 2 : 4
  const frames = channels[0]?.length ?? 0
  const dataSize = frames * channels.length * bytesPerSample
  const view = new DataView(new ArrayBuffer(44 + dataSize))
  const text = (at: number, value: string): void => {
    for (let index = 0; index < 4; index++) view.setUint8(at + index, value.charCodeAt(index))
  }
  text(0, 'RIFF')
  view.setUint32(4, 36 + dataSize, true)
  text(8, 'WAVE')
  text(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, format === 'pcm16' ? 1 : 3, true)
  view.setUint16(22, channels.length, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * channels.length * bytesPerSample, true)
  view.setUint16(32, channels.length * bytesPerSample, true)
  view.setUint16(34, bytesPerSample * 8, true)
  text(36, 'data')
  view.setUint32(40, dataSize, true)
  for (let frame = 0; frame < frames; frame++) {
    channels.forEach((channel, index) => {
      const at = 44 + (frame * channels.length + index) * bytesPerSample
      const value = Math.max(-1, Math.min(1, channel[frame] ?? 0))
      if (format === 'pcm16') view.setInt16(at, Math.round(value * 32767), true)
      else view.setFloat32(at, value, true)
    })
  }
  return new Uint8Array(view.buffer)
}
