import type { Core } from '../core'
import type { Handlers } from './handlers'

type VoiceHandlers = Pick<
  Handlers,
  | 'voice.models'
  | 'voice.addModel'
  | 'voice.removeModel'
  | 'voice.synthesize'
  | 'voice.cancel'
  | 'voice.transcribe'
  | 'voice.listenStart'
  | 'voice.listenChunk'
  | 'voice.listenStop'
>

/** Local voice (issue 18): each handler calls one VoiceService method; the service emits voice.* events. */
export function createVoiceHandlers(core: Core): VoiceHandlers {
  return {
    'voice.models': async () => core.voice.models(),
    'voice.addModel': async ({ path }) => core.voice.addModel(path),
    'voice.removeModel': async ({ id }) => core.voice.removeModel(id).then(() => ({ isDeleted: true })),
    'voice.synthesize': async (input) => core.voice.synthesize(input),
    'voice.cancel': async ({ requestId }) => ({ isCancelled: core.voice.cancel(requestId) }),
    'voice.transcribe': async (input) => core.voice.transcribe(input),
    'voice.listenStart': async (input) => core.voice.listenStart(input),
    'voice.listenChunk': async ({ sessionId, audioBase64 }) => core.voice.listenChunk(sessionId, audioBase64),
    'voice.listenStop': async ({ sessionId }) => core.voice.listenStop(sessionId)
  }
}
