import { StreamResampler } from './StreamResampler'
import { floatToInt16 } from './pcmBase64'

// The AudioWorklet scope's globals (TypeScript's DOM library does not describe it).
declare const sampleRate: number
declare class AudioWorkletProcessor {
  readonly port: MessagePort
}
declare function registerProcessor(
  name: string,
  processor: new (options: WorkletOptions) => AudioWorkletProcessor
): void

interface WorkletOptions {
  processorOptions?: { targetRate?: number; chunkSamples?: number }
}

/** What the capture posts: 16-bit mono PCM at the target rate and the chunk's loudness (RMS, 0..1). */
export interface PcmChunkMessage {
  pcm: ArrayBuffer
  level: number
}

/**
 * Runs on the audio thread: mixes the microphone to mono, lowers it to 16 kHz and posts 16-bit chunks of 100 ms
 * (the size the listening service is fed), with their level for the meter.
 */
class PcmCaptureProcessor extends AudioWorkletProcessor {
  private readonly resampler: StreamResampler
  private readonly chunkSamples: number
  private buffer: number[] = []

  constructor(options: WorkletOptions) {
    super()
    const targetRate = options.processorOptions?.targetRate ?? 16_000
    this.chunkSamples = options.processorOptions?.chunkSamples ?? targetRate / 10
    this.resampler = new StreamResampler(sampleRate, targetRate)
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0] ?? []
    const first = channels[0]
    if (!first) return true
    const mono = new Float32Array(first.length)
    for (const channel of channels)
      for (let i = 0; i < mono.length; i++) mono[i]! += (channel[i] ?? 0) / channels.length
    for (const sample of this.resampler.push(mono)) this.buffer.push(sample)
    while (this.buffer.length >= this.chunkSamples) {
      const chunk = Float32Array.from(this.buffer.splice(0, this.chunkSamples))
      const level = Math.sqrt(chunk.reduce((sum, value) => sum + value * value, 0) / chunk.length)
      const pcm = floatToInt16(chunk).buffer
      this.port.postMessage({ pcm, level } satisfies PcmChunkMessage, [pcm])
    }
    return true
  }
}

registerProcessor('pcm-capture', PcmCaptureProcessor)
