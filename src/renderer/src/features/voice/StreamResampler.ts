/**
 * Lowers the rate of a stream of mono audio block by block (the microphone's 48 or 44.1 kHz to the 16 kHz speech
 * models take). Each output sample averages the input samples it spans, a cheap low-pass that keeps higher
 * frequencies from folding back as noise (the same approach as src/main/voice/resampleLinear for whole files); the
 * position between blocks is carried over, so the output does not depend on how the input was cut into blocks.
 */
export class StreamResampler {
  private readonly ratio: number
  /** Input samples not yet used by an output sample. */
  private pending: number[] = []

  constructor(
    readonly fromRate: number,
    readonly toRate: number
  ) {
    if (!(fromRate >= toRate) || toRate <= 0) throw new Error(`Cannot resample ${fromRate} Hz to ${toRate} Hz.`)
    this.ratio = fromRate / toRate
  }

  /** Output index n covers input [n * ratio, (n + 1) * ratio); emitted once its whole span has arrived. */
  private emitted = 0
  private consumed = 0

  push(block: Float32Array): Float32Array {
    for (const sample of block) this.pending.push(sample)
    const out: number[] = []
    for (;;) {
      const start = Math.floor(this.emitted * this.ratio)
      const end = Math.floor((this.emitted + 1) * this.ratio)
      if (end - this.consumed > this.pending.length) break
      let sum = 0
      for (let at = start; at < end; at++) sum += this.pending[at - this.consumed] ?? 0
      out.push(sum / Math.max(1, end - start))
      this.emitted++
      const keepFrom = Math.floor(this.emitted * this.ratio) - this.consumed
      if (keepFrom > 0) {
        this.pending = this.pending.slice(keepFrom)
        this.consumed += keepFrom
      }
    }
    return Float32Array.from(out)
  }
}
