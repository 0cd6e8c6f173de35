import { AppError } from '../../shared/errors'
import { SerialQueue } from '../util/SerialQueue'
import { withTimeout } from './withTimeout'

/** How long a generation may take: generous for a slow CPU, per character of text. */
export interface VoiceTimeouts {
  /** Loading and the test run right after it. */
  probeMs: number
  /** Base time of any generation or decode, plus perCharacterMs per character of text. */
  baseMs: number
  perCharacterMs: number
}

export const DEFAULT_VOICE_TIMEOUTS: VoiceTimeouts = { probeMs: 30_000, baseMs: 60_000, perCharacterMs: 200 }

/**
 * What a loaded sherpa-onnx model shares, voice or recogniser: it is loaded on sherpa-onnx's threads under a deadline
 * and then made to run once (a model that breaks at run time is refused when added, not mid-reply), and its runs go
 * one at a time, each under a deadline, since the native object is not documented as safe to share between threads.
 */
export abstract class SherpaEngine<Native> {
  private readonly queue = new SerialQueue()

  protected constructor(
    protected readonly native: Native,
    readonly modelId: string,
    protected readonly timeouts: VoiceTimeouts,
    protected readonly label: string
  ) {}

  /**
   * The native model from `create` (a createAsync), after `probe` ran on it: MODEL_FILE_INVALID when either fails or
   * takes longer than timeouts.probeMs.
   */
  protected static async load<N>(
    label: string,
    timeouts: VoiceTimeouts,
    create: () => Promise<N>,
    probe: { what: string; run: (native: N) => Promise<unknown> }
  ): Promise<N> {
    let native: N
    try {
      native = await withTimeout(create(), timeouts.probeMs, `Loading ${label}`)
    } catch (cause) {
      if (cause instanceof AppError) throw cause
      const reason = cause instanceof Error ? cause.message : String(cause)
      throw new AppError('MODEL_FILE_INVALID', `${label} could not be loaded: ${reason}`, { cause })
    }
    await withTimeout(probe.run(native), timeouts.probeMs, `${label} failed its test: ${probe.what}`)
    return native
  }

  /** Runs `work` after the runs queued before it, failing with MODEL_FILE_INVALID when it outlasts `ms`. */
  protected runQueued<R>(work: (native: Native) => Promise<R>, ms: number, what: string): Promise<R> {
    return this.queue.run(() => withTimeout(work(this.native), ms, `${this.label} ${what}`))
  }
}
