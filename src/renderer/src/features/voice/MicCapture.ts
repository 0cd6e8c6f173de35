import workletUrl from './pcmCapture.worklet.ts?worker&url'
import type { PcmChunkMessage } from './pcmCapture.worklet'

export interface MicCaptureEvents {
  /** 100 ms of 16 kHz mono 16-bit PCM. */
  onChunk(pcm: Int16Array): void
  /** Loudness of the latest chunk, 0..1 (RMS). */
  onLevel?(level: number): void
}

export const CAPTURE_RATE = 16_000

/**
 * The microphone as 16 kHz mono PCM: getUserMedia feeds an AudioWorklet (pcmCapture.worklet) that resamples on the
 * audio thread. Errors are the browser's (DOMException names; see micErrorMessage); a page without media devices
 * (plain HTTP on a phone) throws one named NoMediaDevices.
 */
export class MicCapture {
  private constructor(
    private readonly stream: MediaStream,
    private readonly context: AudioContext,
    private readonly node: AudioWorkletNode
  ) {}

  static async start(events: MicCaptureEvents): Promise<MicCapture> {
    if (!navigator.mediaDevices?.getUserMedia)
      throw Object.assign(new Error('No media devices on this page.'), { name: 'NoMediaDevices' })
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true }
    })
    const context = new AudioContext()
    try {
      await context.audioWorklet.addModule(workletUrl)
      const node = new AudioWorkletNode(context, 'pcm-capture', {
        processorOptions: { targetRate: CAPTURE_RATE, chunkSamples: CAPTURE_RATE / 10 }
      })
      node.port.onmessage = (event: MessageEvent<PcmChunkMessage>) => {
        events.onChunk(new Int16Array(event.data.pcm))
        events.onLevel?.(event.data.level)
      }
      context.createMediaStreamSource(stream).connect(node)
      // Not connected to the speakers: the worklet only listens.
      return new MicCapture(stream, context, node)
    } catch (error) {
      for (const track of stream.getTracks()) track.stop()
      await context.close()
      throw error
    }
  }

  /** Releases the microphone (the browser's recording indicator goes off). */
  async stop(): Promise<void> {
    this.node.port.onmessage = null
    this.node.disconnect()
    for (const track of this.stream.getTracks()) track.stop()
    await this.context.close()
  }
}
