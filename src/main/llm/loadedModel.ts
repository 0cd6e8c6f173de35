import { InsufficientMemoryError, LlamaChat, type Llama, type LlamaContext, type LlamaModel } from 'node-llama-cpp'
import type { ChatTemplateName, GgufMetadata, LoraRef } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { createChatWrapper } from './createChatWrapper'
import type { Lanes } from './LaneScheduler'
import type { LoadModelRequest } from './types'

/** Enough for memory extraction and a whole generated character (prompt + ~1.6k tokens). */
const TASK_CONTEXT_SIZE = 4096

/** A model with its chat and task contexts, and the adapters they were built with. */
export interface LoadedModel {
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

/** What every context is built with. */
export interface ContextLimits {
  threads: number
  /** Upper bound for the automatic context size. */
  maxContextSize: number
}

export interface OpenModelRequest extends Pick<LoadModelRequest, 'onProgress' | 'signal'> {
  path: string
  metadata: GgufMetadata
  loras: LoraRef[]
  /** Unset: as large as the model was trained for, within the limits. */
  contextSize?: number
  options: LoadedModel['options']
  key: string
}

/** Loads the weights and builds both contexts; nothing stays allocated when a step fails. */
export async function openModel(llama: Llama, request: OpenModelRequest, limits: ContextLimits): Promise<LoadedModel> {
  const { path, metadata, loras, options } = request
  const model = await llama.loadModel({
    modelPath: path,
    gpuLayers: options.gpuLayers ?? 'auto',
    onLoadProgress: request.onProgress,
    loadSignal: request.signal
  })
  try {
    const context = await createContext(model, metadata, loras, limits, request.contextSize)
    const taskContext = await createContext(
      model,
      metadata,
      loras,
      limits,
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
      lanes: createLanes(context, taskContext, options.chatTemplate),
      key: request.key
    }
  } catch (error) {
    await model.dispose()
    throw error
  }
}

/** Swaps LoRA adapters by recreating both contexts of the same size; the base model weights stay loaded. */
export async function rebuildContexts(loaded: LoadedModel, loras: LoraRef[], limits: ContextLimits): Promise<void> {
  loaded.lanes.task.dispose()
  await loaded.context.dispose()
  await loaded.taskContext.dispose()
  const contextSize = loaded.context.contextSize
  loaded.context = await createContext(loaded.model, loaded.metadata, loras, limits, contextSize)
  loaded.taskContext = await createContext(
    loaded.model,
    loaded.metadata,
    loras,
    limits,
    Math.min(contextSize, TASK_CONTEXT_SIZE)
  )
  loaded.lanes = createLanes(loaded.context, loaded.taskContext, loaded.options.chatTemplate)
  loaded.loras = loras
}

export async function disposeModel(loaded: LoadedModel): Promise<void> {
  loaded.lanes.task.dispose()
  await loaded.context.dispose()
  await loaded.taskContext.dispose()
  await loaded.model.dispose()
}

export function sameLoras(a: readonly LoraRef[], b: readonly LoraRef[]): boolean {
  return a.length === b.length && a.every((lora, i) => lora.path === b[i]?.path && lora.scale === b[i]?.scale)
}

export function toLoadError(cause: unknown, metadata: GgufMetadata): AppError {
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

function createContext(
  model: LlamaModel,
  metadata: GgufMetadata,
  loras: LoraRef[],
  limits: ContextLimits,
  contextSize?: number
): Promise<LlamaContext> {
  const trained = metadata.contextLength ?? limits.maxContextSize
  return model.createContext({
    contextSize: contextSize ?? { max: Math.min(trained, limits.maxContextSize), min: 512 },
    sequences: 1,
    threads: limits.threads,
    lora: loras.length > 0 ? { adapters: loras.map((l) => ({ filePath: l.path, scale: l.scale })) } : undefined
  })
}

function createLanes(context: LlamaContext, taskContext: LlamaContext, chatTemplate: ChatTemplateName = 'auto'): Lanes {
  const wrapper = createChatWrapper(chatTemplate, context.model)
  return {
    chat: { sequence: context.getSequence(), wrapper },
    task: new LlamaChat({ contextSequence: taskContext.getSequence(), chatWrapper: wrapper })
  }
}
