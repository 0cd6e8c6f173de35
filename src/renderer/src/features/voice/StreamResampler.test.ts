import { describe, expect, it } from 'vitest'
import { StreamResampler } from './StreamResampler'

function tone(rate: number, seconds: number, hz: number): Float32Array {
  return Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate)
  )
}

function feed(resampler: StreamResampler, samples: Float32Array, block: number): Float32Array {
  const parts: number[] = []
  for (let at = 0; at < samples.length; at += block) parts.push(...resampler.push(samples.subarray(at, at + block)))
  return Float32Array.from(parts)
}

describe('StreamResampler', () => {
  it('turns a second of 48 kHz and of 44.1 kHz into a second of 16 kHz', () => {
    expect(feed(new StreamResampler(48_000, 16_000), tone(48_000, 1, 440), 128)).toHaveLength(16_000)
    const from44 = feed(new StreamResampler(44_100, 16_000), tone(44_100, 1, 440), 128)
    expect(Math.abs(from44.length - 16_000)).toBeLessThanOrEqual(1)
  })

  it('gives the same samples however the input is cut into blocks (the worklet gets 128 at a time)', () => {
    const input = tone(44_100, 0.3, 300)
    const a = feed(new StreamResampler(44_100, 16_000), input, 128)
    const b = feed(new StreamResampler(44_100, 16_000), input, 1000)
    const c = feed(new StreamResampler(44_100, 16_000), input, 7)
    expect(Array.from(b)).toEqual(Array.from(a))
    expect(Array.from(c)).toEqual(Array.from(a))
  })

  it('keeps a speech-band tone and weakens one near the input Nyquist (a box filter: not removed, but damped)', () => {
    const rms = (x: Float32Array): number => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length)
    const speech = feed(new StreamResampler(48_000, 16_000), tone(48_000, 0.5, 300), 128)
    expect(rms(speech)).toBeGreaterThan(0.3)
    const whine = feed(new StreamResampler(48_000, 16_000), tone(48_000, 0.5, 23_900), 128)
    expect(rms(whine)).toBeLessThan(rms(speech) / 2)
  })

  it('passes 16 kHz through unchanged and refuses to raise the rate', () => {
    const input = tone(16_000, 0.1, 200)
    expect(Array.from(feed(new StreamResampler(16_000, 16_000), input, 128))).toEqual(Array.from(input))
    expect(() => new StreamResampler(8000, 16_000)).toThrow()
  })
})
