import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { VoiceModel, VoiceSynthesizeResult, VoiceTranscribeResult } from '../../shared/contract'
import { collectEvents } from '../../../tests/helpers/collectEvents'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../../../tests/helpers/onnx/writeTinyVoiceModels'
import { sharedDir } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { useTinyModelCore } from '../../../tests/helpers/useTinyModelCore'
import { dispatch } from '../ipc/dispatch'
import { createHandlers } from '../ipc/handlers'
import { encodePcm16Base64 } from './pcm'
import { readWav } from './readWav'

describe('voice.* over the contract, beside a chat', () => {
  const core = useTinyModelCore()
  const tempDir = useTempDir('voice-contract-')

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(createHandlers(core(), 'http'), method, input)
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
  const errorCode = async (method: string, input: unknown): Promise<string> => {
    const result = await dispatch(createHandlers(core(), 'http'), method, input)
    return result.ok ? 'ok' : result.error.code
  }
  const chatStillReplies = async (): Promise<void> => {
    const character = core().characters.list(core().userId)[0]!
    const chatId = core().chat.create(character.id).id
    const recorder = collectEvents(core().events)
    const { streamId } = core().chat.send(chatId, 'Hello!')
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    expect(done.message.status).toBe('complete')
    recorder.stop()
  }

  it('bad voice models and bad input are typed errors, and chat keeps working', async () => {
    const dir = tempDir()
    const broken = writeTinyVitsVoice(join(dir, 'broken'), { omitMetadata: ['sample_rate'] })
    expect(await errorCode('voice.addModel', { path: broken })).toBe('MODEL_FILE_INVALID')
    expect(await errorCode('voice.addModel', { path: join(dir, 'missing') })).toBe('MODEL_FILE_NOT_FOUND')
    const corrupt = writeTinyVitsVoice(join(dir, 'corrupt'))
    writeFileSync(join(corrupt, 'model.onnx'), 'garbage')
    expect(await errorCode('voice.addModel', { path: corrupt })).toBe('MODEL_FILE_INVALID')
    expect(await errorCode('voice.synthesize', { text: '   ', modelId: 'x' })).toBe('INVALID_INPUT')
    expect(await errorCode('voice.synthesize', { text: 'Hi.', modelId: 'x' })).toBe('NOT_FOUND')
    expect(await errorCode('voice.transcribe', { audioBase64: 'not base64!' })).toBe('INVALID_INPUT')
    expect(await errorCode('voice.transcribe', { audioBase64: 'AAAAAA==' })).toBe('NOT_FOUND')
    expect(await errorCode('voice.listenChunk', { sessionId: 'none', audioBase64: 'AAAAAA==' })).toBe('NOT_FOUND')
    expect(await call('voice.models', {})).toEqual([])
    await chatStillReplies()
  })

  it('a voice and a recogniser added as folders speak and listen through the contract', async () => {
    const dir = tempDir()
    const voice = await call<VoiceModel>('voice.addModel', { path: writeTinyVitsVoice(join(dir, 'aiko')) })
    const recogniser = await call<VoiceModel>('voice.addModel', { path: writeTinyCtcRecognizer(join(dir, 'ears')) })
    expect((await call<VoiceModel[]>('voice.models', {})).map((m) => m.kind).sort()).toEqual(['stt', 'tts'])
    const spoken = await call<VoiceSynthesizeResult>('voice.synthesize', {
      text: 'I missed you!',
      modelId: voice.id,
      emotion: { label: 'joy', confidence: 0.9 }
    })
    expect(spoken.sampleRate).toBe(voice.sampleRate)
    expect(Buffer.from(spoken.audioBase64, 'base64').length).toBe(spoken.sampleCount * 4)
    expect(spoken.prosody.pitch).toBeGreaterThan(1)
    const audio = await readWav(join(sharedDir, 'models', 'voice', 'jfk.wav'))
    const heard = await call<VoiceTranscribeResult>('voice.transcribe', {
      audioBase64: encodePcm16Base64(audio.samples),
      modelId: recogniser.id
    })
    expect(heard.segments.length).toBeGreaterThanOrEqual(3)
    await chatStillReplies()
    expect(await call('voice.removeModel', { id: voice.id })).toEqual({ isDeleted: true })
    expect(await errorCode('voice.synthesize', { text: 'Hi.', modelId: voice.id })).toBe('NOT_FOUND')
  })
})
