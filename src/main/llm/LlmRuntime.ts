import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp'
import type { LoraRef, ModelStatus } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { SerialQueue } from '../util/SerialQueue'
import { checkLoraCompatibility } from './checkLoraCompatibility'
import { generateJson } from './generateJson'
import { GrammarCache } from './GrammarCache'
import { inspectModel } from './inspectModel'
import { LaneScheduler } from './LaneScheduler'
import { disposeModel, openModel, rebuildContexts, sameLoras, toLoadError, type LoadedModel } from './loadedModel'
import { renderPromptTokens } from './renderPromptTokens'
import type { StreamRequest } from './streamGeneration'
import type { GenerationResult, GenerationStream, JsonGenerationRequest, LoadModelRequest, PromptTurn } from './types'

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

/**
 * The owner of the chat model: one Llama, at most one model with a chat context and a task context (loadedModel.ts),
 * loading with rollback to the previous model, and the LoRA policy (a character's own adapters, else the app-wide
 * ones). Generations are scheduled by LaneScheduler: the `chat` sequence keeps the conversation's KV cache warm;
 * background work (memory extraction, character generation) runs on the `task` sequence so it never evicts the
 * chat prefix. Embedders and model inspection use the same Llama through getLlama().
 */
export class LlmRuntime {
  private llamaPromise: Promise<Llama> | null = null
  private loaded: LoadedModel | null = null
  private loadingPath: string | null = null
  private lastError: string | null = null
  /** Adapters for characters that carry none of their own (set from the Models screen). */
  private defaultLoras: LoraRef[] = []
  private readonly grammars = new GrammarCache(() => this.getLlama())
  private readonly lanes = new LaneScheduler({
    lanes: () => this.requireLoaded().lanes,
    grammarFor: (schema) => this.grammars.forSchema(schema),
    onGeneration: (result) => this.options.onGeneration?.(result)
  })
  private readonly loadQueue = new SerialQueue()
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
        await this.lanes.drain(() => this.disposeLoaded())
        this.loadingPath = request.path
        this.lastError = null
        try {
          this.loaded = await openModel(
            llama,
            {
              ...request,
              metadata,
              loras: request.loras ?? [],
              options: { gpuLayers: request.gpuLayers, chatTemplate: request.chatTemplate },
              key: this.nextKey(request.path)
            },
            this.options
          )
        } catch (cause) {
          this.lastError = cause instanceof Error ? cause.message : String(cause)
          // Keep the app working: bring the previous model back before reporting the failure.
          if (previous) {
            this.loaded = await openModel(llama, { ...previous, key: this.nextKey(previous.path) }, this.options).catch(
              (error: unknown) => {
                console.warn('[llm] the previous model could not be reloaded either:', error)
                return null
              }
            )
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
        await this.lanes.drain(() => rebuildContexts(loaded, loras, this.options))
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
        await this.lanes.drain(() => this.disposeLoaded())
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
    return this.lanes.stream(request)
  }

  /** Marks a reply as under way from its first step (recall, prompt), not just its generation; returns the release. */
  holdForReply(): () => void {
    return this.lanes.holdForReply()
  }

  /** Resolves when no reply is being prepared or written. */
  whenChatIdle(): Promise<void> {
    return this.lanes.whenChatIdle()
  }

  /** Grammar-constrained JSON on the task lane; the result always parses or a typed error is thrown. */
  generateJson(request: JsonGenerationRequest): Promise<unknown> {
    return generateJson((r) => this.stream(r), request)
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
    await this.lanes.drain(() => this.disposeLoaded())
    if (this.llamaPromise) await (await this.llamaPromise).dispose()
    this.llamaPromise = null
  }

  private nextKey(path: string): string {
    return `${path}#${++this.loadCount}`
  }

  private requireLoaded(): LoadedModel {
    if (!this.loaded) throw new AppError('MODEL_NOT_LOADED', 'No model is loaded. Pick a GGUF model first.')
    return this.loaded
  }

  private async disposeLoaded(): Promise<void> {
    const loaded = this.loaded
    this.loaded = null
    if (loaded) await disposeModel(loaded)
  }
}
