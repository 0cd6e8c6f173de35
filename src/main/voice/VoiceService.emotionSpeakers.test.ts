import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { VoiceSynthesizeInput } from '../../shared/contract'
import { writeTinyVitsVoice } from '../../../tests/helpers/onnx/writeTinyVoiceModels'
import { resourcesDir } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { EventBus } from '../util/EventBus'
import { VoiceModelStore } from './VoiceModelStore'
import { VoiceService } from './VoiceService'

const tempDir = useTempDir('voice-emotion-speakers-')
let service: VoiceService | null = null
afterEach(() => service?.dispose())

describe("VoiceService: a multi-speaker voice's speaker per emotion", () => {
  it('a sad and a happy reply are synthesised by the speakers mapped to their emotions', async () => {
    const dir = tempDir()
    service = new VoiceService({
      library: new VoiceModelStore(join(dir, 'voice'), join(dir, 'voice-models.json')),
      vadModelPath: join(resourcesDir, 'voice', 'silero_vad.onnx'),
      threads: 1,
      events: new EventBus()
    })
    const voice = await service.addModel(writeTinyVitsVoice(join(dir, 'vctk'), { speakers: 4 }))
    const text = 'I will always remember you.'
    const say = async (input: Partial<VoiceSynthesizeInput>): Promise<string> =>
      (await service!.synthesize({ text, modelId: voice.id, ...input })).audioBase64
    const speakerByEmotion = { sadness: 3, joy: 2 }
    const sad = await say({ speakerByEmotion, emotion: { label: 'sadness', confidence: 0.8 } })
    const happy = await say({ speakerByEmotion, emotion: { label: 'joy', confidence: 0.8 } })
    expect(sad).not.toBe(happy)
    // Each is exactly what its mapped speaker says, in the same mood.
    expect(sad).toBe(await say({ speakerId: 3, emotion: { label: 'sadness', confidence: 0.8 } }))
    expect(happy).toBe(await say({ speakerId: 2, emotion: { label: 'joy', confidence: 0.8 } }))
    // An unmapped emotion, and the emotion-aware voice turned off, keep the chosen speaker.
    const own = await say({ speakerId: 1 })
    expect(await say({ speakerId: 1, speakerByEmotion, emotion: { label: 'anger', confidence: 1 } })).toBe(own)
    expect(
      await say({ speakerId: 1, speakerByEmotion, emotion: { label: 'sadness', confidence: 1 }, emotionStrength: 0 })
    ).toBe(own)
  })
})
