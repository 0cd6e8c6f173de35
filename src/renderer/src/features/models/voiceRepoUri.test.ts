import { describe, expect, it } from 'vitest'
import { isInVoiceFolder, voiceRepoUri } from './voiceRepoUri'

describe('voiceRepoUri', () => {
  it('takes a repository as user/repo, hf:user/repo or its web address', () => {
    expect(voiceRepoUri(' csukuangfj/vits-piper-en_US-amy-low ')).toBe('hf:csukuangfj/vits-piper-en_US-amy-low')
    expect(voiceRepoUri('hf:csukuangfj/sherpa-onnx-whisper-tiny.en')).toBe('hf:csukuangfj/sherpa-onnx-whisper-tiny.en')
    expect(voiceRepoUri('https://huggingface.co/csukuangfj/kokoro-en-v0_19/')).toBe('hf:csukuangfj/kokoro-en-v0_19')
  })

  it('refuses what is not one repository', () => {
    for (const input of ['', 'amy', 'a/b/c.onnx', 'https://example.com/a/b', 'hf:a/b:Q4_K_M', 'a b/c'])
      expect(voiceRepoUri(input)).toBeNull()
  })
})

describe('isInVoiceFolder', () => {
  it('tells downloads (in the voice folder) from folders added from elsewhere, with either separator', () => {
    expect(isInVoiceFolder('/data/models/voice/csukuangfj--vits', '/data/models')).toBe(true)
    expect(isInVoiceFolder('C:\\data\\models\\voice\\x', 'C:\\data\\models\\')).toBe(true)
    expect(isInVoiceFolder('/data/models/voices/x', '/data/models')).toBe(false)
    expect(isInVoiceFolder('/home/me/vits', '/data/models')).toBe(false)
    expect(isInVoiceFolder('/data/models/voice/x', '')).toBe(false)
  })
})
