import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../shared/errors'
import { ONNX_WORKER_SOURCE } from './onnxWorkerSource'

export type OnnxTask = 'text-classification' | 'feature-extraction'
export type OnnxPooling = 'mean' | 'cls'

export interface ClassificationScore {
  label: string
  score: number
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * The one owner of onnxruntime (through @huggingface/transformers): models load and run in a worker thread, so a
 * BERT-sized forward pass never blocks the event loop that streams chat tokens. Requests run one at a time in order.
 * A cancelled request is dropped if it has not started, and its answer ignored if it has (callers batch their work,
 * so a cancel takes effect at the next batch).
 */
export class OnnxRuntime {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  constructor(private readonly threads: number) {}

  /** Loads a model folder (Hugging Face layout) for a task; the handle names it in later calls. */
  async load(task: OnnxTask, dir: string, dtype: string): Promise<number> {
    try {
      const { handle } = (await this.request({ type: 'load', task, dir, dtype, threads: this.threads })) as {
        handle: number
      }
      return handle
    } catch (cause) {
      if (cause instanceof AppError && cause.code === 'CANCELLED') throw cause
      const reason = cause instanceof Error ? cause.message : String(cause)
      throw new AppError('MODEL_FILE_INVALID', `The ONNX model in ${dir} could not be loaded: ${reason}`, { cause })
    }
  }

  async classify(handle: number, texts: readonly string[], signal?: AbortSignal): Promise<ClassificationScore[][]> {
    const value = await this.request({ type: 'run', handle, texts: [...texts] }, signal)
    // A single text comes back as one list, a batch as a list per text.
    const lists = value as ClassificationScore[][] | ClassificationScore[]
    return texts.length === 1 && !Array.isArray(lists[0])
      ? [lists as ClassificationScore[]]
      : (lists as ClassificationScore[][])
  }

  async embed(
    handle: number,
    texts: readonly string[],
    pooling: OnnxPooling,
    signal?: AbortSignal
  ): Promise<Float32Array[]> {
    const { dims, data } = (await this.request({ type: 'run', handle, texts: [...texts], pooling }, signal)) as {
      dims: number[]
      data: Float32Array
    }
    const width = dims[dims.length - 1] ?? 0
    return texts.map((_, i) => data.slice(i * width, (i + 1) * width))
  }

  async unload(handle: number): Promise<void> {
    if (this.worker) await this.request({ type: 'unload', handle })
  }

  async dispose(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.failAll(new AppError('CANCELLED', 'The ONNX runtime was closed.'))
    if (worker) await worker.terminate()
  }

  private request(message: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'Cancelled.'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(id)
        reject(new AppError('CANCELLED', 'Cancelled.'))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(value)
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        }
      })
      this.ensureWorker().postMessage({ ...message, id })
    })
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const transformersPath = createRequire(import.meta.url).resolve('@huggingface/transformers')
    const worker = new Worker(ONNX_WORKER_SOURCE, { eval: true, workerData: { transformersPath } })
    worker.on('message', (answer: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const pending = this.pending.get(answer.id)
      if (!pending) return
      this.pending.delete(answer.id)
      if (answer.ok) pending.resolve(answer.value)
      else pending.reject(new Error(answer.error))
    })
    // A crashed worker loses its models: every waiting request fails, and the next one starts a fresh worker.
    worker.on('error', (error) => {
      console.error('[onnx] the worker failed', error)
      if (this.worker === worker) this.worker = null
      this.failAll(new AppError('INTERNAL', 'The ONNX worker stopped.', { cause: error }))
    })
    worker.on('exit', (code) => {
      if (this.worker !== worker) return
      this.worker = null
      this.failAll(new AppError('INTERNAL', `The ONNX worker exited (code ${code}).`))
    })
    this.worker = worker
    return worker
  }

  private failAll(error: AppError): void {
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }
}
