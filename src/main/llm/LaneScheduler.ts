import type { LlamaChat, ChatWrapper, LlamaContextSequence, LlamaGrammar } from 'node-llama-cpp'
import { AppError } from '../../shared/errors'
import { SerialQueue } from '../util/SerialQueue'
import { ChatPriority } from './ChatPriority'
import { streamGeneration, type Lane, type StreamRequest } from './streamGeneration'
import { streamReply } from './streamReply'
import type { GenerationResult, GenerationStream } from './types'

/** The two sequences generations run on. */
export interface Lanes {
  /** Replies are built from prompt tokens (streamReply), so the chat lane keeps the bare sequence and its template. */
  chat: { sequence: LlamaContextSequence; wrapper: ChatWrapper }
  task: LlamaChat
}

export interface LaneSchedulerDeps {
  /** The lanes of the loaded model; throws MODEL_NOT_LOADED when there is none. */
  lanes: () => Lanes
  grammarFor: (schema: object) => Promise<LlamaGrammar>
  onGeneration?: (result: GenerationResult) => void
}

/**
 * Who generates when: one queue per lane, and chat first. A reply marks the chat busy from its first step; background
 * work waits for an idle chat and gives way (BUSY) when a reply starts while it runs.
 */
export class LaneScheduler {
  private readonly priority = new ChatPriority()
  private readonly queues: Record<Lane, SerialQueue> = { chat: new SerialQueue(), task: new SerialQueue() }

  constructor(private readonly deps: LaneSchedulerDeps) {}

  /** Streams one generation on a lane; queued behind earlier requests of that lane. */
  stream(request: StreamRequest): GenerationStream {
    const lane = request.lane ?? 'chat'
    let resolveStream!: (stream: GenerationStream) => void
    const ready = new Promise<GenerationStream>((resolve) => (resolveStream = resolve))
    if (lane === 'chat') this.priority.replyStarted()
    const done = this.queues[lane].run(async () => {
      if (request.isBackground) await this.priority.whenIdle()
      const yielding = request.isBackground ? this.priority.yieldingSignal(request.signal) : null
      let lanes: Lanes | null = null
      try {
        lanes = this.deps.lanes()
        const signal = yielding?.signal ?? request.signal
        const stream =
          lane === 'chat'
            ? streamReply(lanes.chat.sequence, lanes.chat.wrapper, { ...request, signal })
            : streamGeneration(lanes.task, {
                ...request,
                lane,
                grammar: request.schema ? await this.deps.grammarFor(request.schema) : undefined,
                signal
              })
        resolveStream(stream)
        const result = await stream.result
        if (yielding?.wasPreempted()) throw new AppError('BUSY', 'Background generation gave way to a chat reply.')
        this.deps.onGeneration?.(result)
        return result
      } finally {
        yielding?.release()
        // Task prompts are one-offs: nothing of the last one is worth keeping in the task context's cache.
        if (lane === 'task' && lanes) await lanes.task.sequence.clearHistory()
      }
    })
    if (lane === 'chat')
      done.then(
        () => this.priority.replyEnded(),
        () => this.priority.replyEnded()
      )
    done.catch((error: unknown) => resolveStream(failedStream(error)))
    // The queued job's outcome: the generation's result, or why it failed or gave way.
    const result = done
    // Callers that only iterate chunks see the failure there; this keeps it from also surfacing as unhandled.
    result.catch(() => undefined)
    return { chunks: { [Symbol.asyncIterator]: () => iterateLater(ready) }, result }
  }

  /** Marks a reply as under way from its first step (recall, prompt), not just its generation; returns the release. */
  holdForReply(): () => void {
    this.priority.replyStarted()
    let isReleased = false
    return () => {
      if (!isReleased) this.priority.replyEnded()
      isReleased = true
    }
  }

  /** Resolves when no reply is being prepared or written. */
  whenChatIdle(): Promise<void> {
    return this.priority.whenIdle()
  }

  /** Runs a job once both lanes are free and holds them while it runs (loading, adapter swaps, disposal). */
  drain<T>(job: () => Promise<T>): Promise<T> {
    return this.queues.chat.run(() => this.queues.task.run(job))
  }
}

function failedStream(error: unknown): GenerationStream {
  const result = Promise.reject(error)
  result.catch(() => undefined)
  return {
    chunks: { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) },
    result
  }
}

async function* iterateLater(ready: Promise<GenerationStream>): AsyncGenerator<string> {
  const stream = await ready
  yield* stream.chunks
}
