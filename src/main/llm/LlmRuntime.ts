import {
  getLlama,
  InsufficientMemoryError,
  LlamaChat,
  LlamaLogLevel,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel
} from 'node-llama-cpp'
import type { ChatTemplateName, GgufMetadata, LoraRef, ModelStatus } from '../../shared/domain'
import { createChatWrapper } from './createChatWrapper'
import { ChatPriority } from './ChatPriority'
import { AppError } from '../../shared/errors'
import { SerialQueue } from '../util/SerialQueue'
import { inspectModel } from './inspectModel'
import { checkLoraCompatibility } from './checkLoraCompatibility'
import { streamGeneration, type Lane, type StreamRequest } from './streamGeneration'
import { streamReply } from './streamReply'
import { renderPromptTokens } from './renderPromptTokens'
import type { GenerationResult, GenerationStream, JsonGenerationRequest, LoadModelRequest, PromptTurn } from './types'
import { defaultSampling } from '../../shared/domain'

/** Enough for memory extraction and a whole generated character (prompt + ~1.6k tokens). */
const TASK_CONTEXT_SIZE = 4096

export interface LlmRuntimeOptions {
  /** llama.cpp math threads; the physical core count (see physicalCoreCount). */
  threads: number
  gpu: 'auto' | false
  /** Upper bound for the automatic context size, so a 128k-context model does not reserve all RAM. */
  maxContextSize: number
  /** Called with every finished generation (benchmarks, diagnostics). */
  onGeneration?: (result: GenerationResult) => void
  /** Called after every change of what is loaded (loading, loaded, failed, unloaded, adapters swapped). */
  onStatus?: (status: ModelStatus) => void
}

interface LoadedModel {
  path: string
  options: Pick<LoadModelRequest, 'gpuLayers' | 'chatTemplate'>
  metadata: GgufMetadata
  model: LlamaModel
  context: LlamaContext
  /** Background and structured work get their own small context, so they never share KV cells with the chat. */
  taskContext: LlamaContext
  lanes: Lanes
  loras: LoraRef[]
  /** Changes with every model load: generated token ids are only meaningful for the model that produced them. */
  key: string
}

interface Lanes {
  /** Replies are built from prompt tokens (streamReply), so the chat lane keeps the bare sequence and its template. */
  chat: { sequence: LlamaContextSequence; wrapper: ChatWrapper }
  task: LlamaChat
}

/**
 * The only owner of node-llama-cpp: one Llama, at most one model, a chat context and a task context. The `chat`
 * sequence keeps the conversation's KV cache warm; background work (memory extraction, character generation)
 * runs on the `task` sequence so it never evicts the chat prefix. Each sequence has its own queue.
 */
export class LlmRuntime {
  private llamaPromise: Promise<Llama> | null = null
  private loaded: LoadedModel | null = null
  private loadingPath: string | null = null
  private lastError: string | null = null
  /** Adapters for characters that carry none of their own (set from the Models screen). */
  private defaultLoras: LoraRef[] = []
  private readonly grammars = new Map<string, LlamaGrammar>()
  private readonly priority = new ChatPriority()
  private readonly loadQueue = new SerialQueue()
  private readonly laneQueues: Record<Lane, SerialQueue> = { chat: new SerialQueue(), task: new SerialQueue() }
  private loadCount = 0

  constructor(private readonly options: LlmRuntimeOptions) {}

  getLlama(): Promise<Llama> {
    this.llamaPromise ??= getLlama({
      gpu: this.options.gpu,
      maxThreads: this.options.threads,
      build: 'never',
      logLevel: LlamaLogLevel.error
    })
    return this.llamaPromise
  }

  get isLoaded(): boolean {
    return this.loaded !== null
  }

  async status(): Promise<ModelStatus> {
    const llama = this.llamaPromise ? await this.llamaPromise : null
    return {
      state: this.loadingPath ? 'loading' : this.loaded ? 'loaded' : this.lastError ? 'error' : 'none',
      path: this.loadingPath ?? this.loaded?.path ?? null,
      metadata: this.loaded?.metadata ?? null,
      contextSize: this.loaded?.context.contextSize ?? null,
      gpu: llama?.gpu ?? false,
      chatTemplate: this.loaded?.options.chatTemplate ?? 'auto',
      gpuLayers: this.loaded?.model.gpuLayers ?? null,
      threads: this.options.threads,
      loras: this.loaded?.loras ?? [],
      error: this.lastError
    }
  }

  /** Validates the file first, so a bad path leaves the previous model loaded and working. */
  async load(request: LoadModelRequest): Promise<ModelStatus> {
    await this.notify({ state: 'loading', path: request.path })
    return this.notifyAfter(
      this.loadQueue.run(async () => {
        const llama = await this.getLlama()
        const metadata = await inspectModel(request.path, llama)
        if (metadata.fitsInMemory === false) {
          throw new AppError(
            'MODEL_TOO_LARGE',
            `${metadata.fileName} needs more memory than this computer has free. Try a smaller quantisation (for example Q4_K_M) or a smaller model.`
          )
        }
        const previous = this.loaded
          ? {
              path: this.loaded.path,
              metadata: this.loaded.metadata,
              loras: this.loaded.loras,
              contextSize: this.loaded.context.contextSize,
              options: this.loaded.options
            }
          : null
        await this.drainLanes(() => this.disposeLoaded())
        this.loadingPath = request.path
        this.lastError = null
        try {
          this.loaded = await this.open(
            llama,
            request.path,
            metadata,
            request.loras ?? [],
            request.contextSize,
            request,
            { gpuLayers: request.gpuLayers, chatTemplate: request.chatTemplate }
          )
        } catch (cause) {
          this.lastError = cause instanceof Error ? cause.message : String(cause)
          // Keep the app working: bring the previous model back before reporting the failure.
          if (previous) {
            this.loaded = await this.open(
              llama,
              previous.path,
              previous.metadata,
              previous.loras,
              previous.contextSize,
              {},
              previous.options
            ).catch((error: unknown) => {
              console.warn('[llm] the previous model could not be reloaded either:', error)
              return null
            })
            if (this.loaded) this.lastError = null
          }
          throw toLoadError(cause, metadata)
        } finally {
          this.loadingPath = null
        }
        return this.status()
      })
    )
  }

  /** Swaps LoRA adapters by recreating the context; the base model weights stay loaded. */
  async setLoras(loras: LoraRef[]): Promise<ModelStatus> {
    const loaded = this.requireLoaded()
    if (sameLoras(loaded.loras, loras)) return this.status()
    return this.notifyAfter(
      this.loadQueue.run(async () => {
        const loaded = this.requireLoaded()
        if (sameLoras(loaded.loras, loras)) return this.status()
        for (const lora of loras) await checkLoraCompatibility(loaded.path, lora.path)
        await this.drainLanes(async () => {
          loaded.lanes.task.dispose()
          await loaded.context.dispose()
          await loaded.taskContext.dispose()
          const contextSize = loaded.context.contextSize
          loaded.context = await this.createContext(loaded.model, loaded.metadata, loras, contextSize)
          loaded.taskContext = await this.createContext(
            loaded.model,
            loaded.metadata,
            loras,
            Math.min(contextSize, TASK_CONTEXT_SIZE)
          )
          loaded.lanes = this.createLanes(loaded.context, loaded.taskContext, loaded.options.chatTemplate)
          loaded.loras = loras
        })
        return this.status()
      })
    )
  }

  /** The app-wide adapters: applied now, and whenever a character without its own adapters speaks. */
  async setDefaultLoras(loras: LoraRef[]): Promise<ModelStatus> {
    const status = await this.setLoras(loras)
    this.defaultLoras = loras
    return status
  }

  /** Before a character speaks: its own adapters, else the app-wide ones (no-op when already active). */
  useLorasFor(characterLoras: LoraRef[]): Promise<ModelStatus> {
    return this.setLoras(characterLoras.length > 0 ? characterLoras : this.defaultLoras)
  }

  unload(): Promise<ModelStatus> {
    return this.notifyAfter(
      this.loadQueue.run(async () => {
        await this.drainLanes(() => this.disposeLoaded())
        this.lastError = null
        return this.status()
      })
    )
  }

  /** Tells the listener what is loaded now, whether the change succeeded or failed (a failed load rolls back). */
  private async notifyAfter(change: Promise<ModelStatus>): Promise<ModelStatus> {
    try {
      const status = await change
      this.options.onStatus?.(status)
      return status
    } catch (error) {
      await this.notify()
      throw error
    }
  }

  private async notify(override: Partial<ModelStatus> = {}): Promise<void> {
    if (this.options.onStatus) this.options.onStatus({ ...(await this.status()), ...override })
  }

  /** Streams one generation on a lane; queued behind earlier requests of that lane. */
  stream(request: StreamRequest): GenerationStream {
    const lane = request.lane ?? 'chat'
    let resolveStream!: (stream: GenerationStream) => void
    const ready = new Promise<GenerationStream>((resolve) => (resolveStream = resolve))
    if (lane === 'chat') this.priority.replyStarted()
    const done = this.laneQueues[lane].run(async () => {
      if (request.isBackground) await this.priority.whenIdle()
      const yielding = request.isBackground ? this.priority.yieldingSignal(request.signal) : null
      try {
        const loaded = this.requireLoaded()
        const signal = yielding?.signal ?? request.signal
        const stream =
          lane === 'chat'
            ? streamReply(loaded.lanes.chat.sequence, loaded.lanes.chat.wrapper, { ...request, signal })
            : streamGeneration(loaded.lanes.task, {
                ...request,
                lane,
                grammar: request.schema ? await this.grammarFor(request.schema) : undefined,
                signal
              })
        resolveStream(stream)
        const result = await stream.result
        if (yielding?.wasPreempted()) throw new AppError('BUSY', 'Background generation gave way to a chat reply.')
        this.options.onGeneration?.(result)
        return result
      } finally {
        yielding?.release()
        // Task prompts are one-offs: nothing of the last one is worth keeping in the task context's cache.
        if (lane === 'task') await this.loaded?.lanes.task.sequence.clearHistory()
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

  /** Grammar-constrained JSON on the task lane; the result always parses or a typed error is thrown. */
  async generateJson(request: JsonGenerationRequest): Promise<unknown> {
    const stream = this.stream({
      lane: 'task',
      turns: [
        { role: 'system', text: request.system },
        { role: 'user', text: request.prompt }
      ],
      sampling: { ...defaultSampling(), temperature: request.temperature ?? 0.7, maxTokens: request.maxTokens },
      stopStrings: [],
      schema: request.schema,
      signal: request.signal,
      isBackground: request.isBackground
    })
    for await (const chunk of stream.chunks) request.onTextChunk?.(chunk)
    const result = await stream.result
    if (result.stopReason === 'cancelled') throw new AppError('CANCELLED', 'Cancelled.')
    try {
      return JSON.parse(result.text) as unknown
    } catch (cause) {
      throw new AppError(
        'INTERNAL',
        `The model's structured answer was cut off after ${result.outputTokens} tokens; try a larger reply length.`,
        { cause }
      )
    }
  }

  countTokens(text: string): number {
    return this.requireLoaded().model.tokenize(text).length
  }

  /** The exact prompt length the chat lane evaluates for these turns (see renderPromptTokens). */
  countPromptTokens(turns: readonly PromptTurn[], isContinuation = false): number {
    const loaded = this.requireLoaded()
    return renderPromptTokens(loaded.lanes.chat.wrapper, loaded.model, turns, isContinuation).tokens.length
  }

  /** Identifies the loaded model instance; token ids kept from its replies are valid only while it stays the same. */
  get modelKey(): string | null {
    return this.loaded?.key ?? null
  }

  async dispose(): Promise<void> {
    await this.drainLanes(() => this.disposeLoaded())
    if (this.llamaPromise) await (await this.llamaPromise).dispose()
    this.llamaPromise = null
  }

  private async open(
    llama: Llama,
    path: string,
    metadata: GgufMetadata,
    loras: LoraRef[],
    contextSize: number | undefined,
    request: Pick<LoadModelRequest, 'onProgress' | 'signal'>,
    options: LoadedModel['options']
  ): Promise<LoadedModel> {
    const model = await llama.loadModel({
      modelPath: path,
      gpuLayers: options.gpuLayers ?? 'auto',
      onLoadProgress: request.onProgress,
      loadSignal: request.signal
    })
    try {
      const context = await this.createContext(model, metadata, loras, contextSize)
      const taskContext = await this.createContext(
        model,
        metadata,
        loras,
        Math.min(context.contextSize, TASK_CONTEXT_SIZE)
      )
      return {
        path,
        metadata,
        model,
        context,
        taskContext,
        loras,
        options,
        lanes: this.createLanes(context, taskContext, options.chatTemplate),
        key: `${path}#${++this.loadCount}`
      }
    } catch (error) {
      await model.dispose()
      throw error
    }
  }

  /** Compiling a grammar for a large schema takes a noticeable time; the same schemas come back every turn. */
  private async grammarFor(schema: object): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema)
    let grammar = this.grammars.get(key)
    if (!grammar) {
      grammar = await (await this.getLlama()).createGrammarForJsonSchema(schema as never)
      this.grammars.set(key, grammar)
    }
    return grammar
  }

  private requireLoaded(): LoadedModel {
    if (!this.loaded) throw new AppError('MODEL_NOT_LOADED', 'No model is loaded. Pick a GGUF model first.')
    return this.loaded
  }

  private async createContext(
    model: LlamaModel,
    metadata: GgufMetadata,
    loras: LoraRef[],
    contextSize?: number
  ): Promise<LlamaContext> {
    const trained = metadata.contextLength ?? this.options.maxContextSize
    return model.createContext({
      contextSize: contextSize ?? { max: Math.min(trained, this.options.maxContextSize), min: 512 },
      sequences: 1,
      threads: this.options.threads,
      lora: loras.length > 0 ? { adapters: loras.map((l) => ({ filePath: l.path, scale: l.scale })) } : undefined
    })
  }

  private createLanes(
    context: LlamaContext,
    taskContext: LlamaContext,
    chatTemplate: ChatTemplateName = 'auto'
  ): Lanes {
    const wrapper = createChatWrapper(chatTemplate, context.model)
    return {
      chat: { sequence: context.getSequence(), wrapper },
      task: new LlamaChat({ contextSequence: taskContext.getSequence(), chatWrapper: wrapper })
    }
  }

  private drainLanes<T>(job: () => Promise<T>): Promise<T> {
    return this.laneQueues.chat.run(() => this.laneQueues.task.run(job))
  }

  private async disposeLoaded(): Promise<void> {
    const loaded = this.loaded
    this.loaded = null
    if (!loaded) return
    loaded.lanes.task.dispose()
    await loaded.context.dispose()
    await loaded.taskContext.dispose()
    await loaded.model.dispose()
  }
}

function sameLoras(a: readonly LoraRef[], b: readonly LoraRef[]): boolean {
  return a.length === b.length && a.every((lora, i) => lora.path === b[i]?.path && lora.scale === b[i]?.scale)
}

function toLoadError(cause: unknown, metadata: GgufMetadata): AppError {
  if (cause instanceof AppError) return cause
  if (cause instanceof InsufficientMemoryError) {
    return new AppError(
      'MODEL_TOO_LARGE',
      `${metadata.fileName} does not fit in this computer's memory. Try a smaller quantisation or a smaller context size.`,
      { cause }
    )
  }
  if (cause instanceof Error && cause.name === 'AbortError')
    return new AppError('CANCELLED', 'Loading was cancelled.', { cause })
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new AppError('MODEL_FILE_INVALID', `${metadata.fileName} could not be loaded: ${detail}`, { cause })
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
