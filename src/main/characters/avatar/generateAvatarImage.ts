import { AppError } from '../../../shared/errors'

export interface StableDiffusionServer {
  /** e.g. http://127.0.0.1:7860 (AUTOMATIC1111/Forge) or http://127.0.0.1:8188 (ComfyUI) */
  baseUrl: string
  kind: 'a1111' | 'comfyui'
}

export interface AvatarImageRequest {
  prompt: string
  negativePrompt: string
  seed?: number
  signal?: AbortSignal
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** The app stays private: only a Stable Diffusion server on this machine is ever contacted. */
export function checkLocalServer(baseUrl: string): URL {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch (cause) {
    throw new AppError(
      'INVALID_INPUT',
      'The image server address is not a valid URL (for example http://127.0.0.1:7860).',
      { cause }
    )
  }
  if (!LOOPBACK.has(url.hostname))
    throw new AppError('INVALID_INPUT', 'Only an image server on this computer (127.0.0.1 or localhost) can be used.')
  return url
}

async function call(url: URL, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init).catch((cause: unknown) => {
    throw new AppError(
      'DOWNLOAD_FAILED',
      `The image server at ${url.origin} is not answering. Is it running with its API enabled?`,
      { cause }
    )
  })
  if (!response.ok)
    throw new AppError('DOWNLOAD_FAILED', `The image server answered ${response.status} ${response.statusText}.`)
  return response
}

async function a1111(server: URL, request: AvatarImageRequest): Promise<Uint8Array> {
  const response = await call(new URL('/sdapi/v1/txt2img', server), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      width: 512,
      height: 512,
      steps: 24,
      seed: request.seed ?? -1
    }),
    signal: request.signal
  })
  const body = (await response.json().catch((cause: unknown) => {
    throw new AppError(
      'DOWNLOAD_FAILED',
      'The image server did not answer with JSON; is this the AUTOMATIC1111/Forge API?',
      { cause }
    )
  })) as { images?: string[] }
  const image = body.images?.[0]
  if (!image) throw new AppError('DOWNLOAD_FAILED', 'The image server returned no image.')
  return Buffer.from(image.replace(/^data:image\/\w+;base64,/, ''), 'base64')
}

/** A minimal txt2img graph for ComfyUI with the server's default checkpoint name left to the user's setup. */
async function comfy(server: URL, request: AvatarImageRequest, checkpoint = 'model.safetensors'): Promise<Uint8Array> {
  const graph = {
    '1': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: checkpoint } },
    '2': { class_type: 'CLIPTextEncode', inputs: { text: request.prompt, clip: ['1', 1] } },
    '3': { class_type: 'CLIPTextEncode', inputs: { text: request.negativePrompt, clip: ['1', 1] } },
    '4': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 512, batch_size: 1 } },
    '5': {
      class_type: 'KSampler',
      inputs: {
        model: ['1', 0],
        positive: ['2', 0],
        negative: ['3', 0],
        latent_image: ['4', 0],
        seed: request.seed ?? 0,
        steps: 24,
        cfg: 7,
        sampler_name: 'euler',
        scheduler: 'normal',
        denoise: 1
      }
    },
    '6': { class_type: 'VAEDecode', inputs: { samples: ['5', 0], vae: ['1', 2] } },
    '7': { class_type: 'SaveImage', inputs: { images: ['6', 0], filename_prefix: 'ai-anime' } }
  }
  const queued = (await (
    await call(new URL('/prompt', server), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: graph }),
      signal: request.signal
    })
  ).json()) as { prompt_id: string }
  for (let attempt = 0; attempt < 600; attempt++) {
    const history = (await (
      await call(new URL(`/history/${queued.prompt_id}`, server), { signal: request.signal })
    ).json()) as Record<
      string,
      { outputs?: Record<string, { images?: { filename: string; subfolder: string; type: string }[] }> }
    >
    const image = Object.values(history[queued.prompt_id]?.outputs ?? {}).flatMap((o) => o.images ?? [])[0]
    if (image) {
      const view = new URL('/view', server)
      view.search = new URLSearchParams({
        filename: image.filename,
        subfolder: image.subfolder,
        type: image.type
      }).toString()
      return new Uint8Array(await (await call(view, { signal: request.signal })).arrayBuffer())
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new AppError('DOWNLOAD_FAILED', 'The image server did not finish the picture in time.')
}

/** An avatar from the user's own local Stable Diffusion server (optional; off unless configured). */
export async function generateAvatarImage(
  server: StableDiffusionServer,
  request: AvatarImageRequest
): Promise<Uint8Array> {
  const url = checkLocalServer(server.baseUrl)
  return server.kind === 'a1111' ? a1111(url, request) : comfy(url, request)
}
