/**
 * Resamples mono audio by linear interpolation. When lowering the rate, each output sample first averages the input
 * samples it spans, a cheap low-pass that keeps the higher frequencies from folding back as noise. Good enough for
 * speech detection and recognition; not for music.
 */
export function resampleLinear(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples
  const ratio = fromRate / toRate
  const length = Math.floor(samples.length / ratio)
  const out = new Float32Array(length)
  const span = Math.max(1, Math.floor(ratio))
  for (let index = 0; index < length; index++) {
    const position = index * ratio
    if (span > 1) {
      const first = Math.floor(position)
      const last = Math.min(samples.length, first + span)
      let sum = 0
      for (let at = first; at < last; at++) sum += samples[at] ?? 0
      out[index] = sum / (last - first)
    } else {
      const left = Math.floor(position)
      const right = Math.min(samples.length - 1, left + 1)
      const fraction = position - left
      out[index] = (samples[left] ?? 0) * (1 - fraction) + (samples[right] ?? 0) * fraction
    }
  }
  return out
}
