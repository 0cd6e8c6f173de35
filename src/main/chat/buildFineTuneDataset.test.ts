import { describe, expect, it } from 'vitest'
import { buildFineTuneDataset, type DatasetConversation } from './buildFineTuneDataset'

const conversations: DatasetConversation[] = [
  {
    title: 'a',
    messages: [
      { role: 'assistant', content: 'Hi!' },
      { role: 'user', content: 'Hello Aiko' },
      { role: 'assistant', content: 'Welcome back.' }
    ]
  },
  {
    title: 'b',
    messages: [
      { role: 'user', content: 'Tell me a story' },
      { role: 'assistant', content: '' },
      { role: 'assistant', content: 'Once upon a time…' }
    ]
  }
]

describe('buildFineTuneDataset', () => {
  it('writes OpenAI chat JSONL with the persona as system message, one line per chosen chat', () => {
    const { text, fileName } = buildFineTuneDataset({
      systemPrompt: 'You are Aiko.',
      characterName: 'Aiko',
      conversations,
      format: 'openai-jsonl'
    })
    expect(fileName).toBe('Aiko.openai.jsonl')
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { messages: { role: string; content: string }[] })
    expect(lines).toHaveLength(2)
    expect(lines[0]!.messages[0]).toEqual({ role: 'system', content: 'You are Aiko.' })
    expect(lines[0]!.messages.map((m) => m.content)).toEqual(['You are Aiko.', 'Hi!', 'Hello Aiko', 'Welcome back.'])
    expect(lines[1]!.messages.map((m) => m.content)).toEqual(['You are Aiko.', 'Tell me a story', 'Once upon a time…'])
  })

  it('writes ShareGPT and ChatML with the same conversations in order', () => {
    const sharegpt = JSON.parse(
      buildFineTuneDataset({ systemPrompt: 'S', characterName: 'Aiko', conversations, format: 'sharegpt' }).text
    ) as { conversations: { from: string; value: string }[] }[]
    expect(sharegpt.map((c) => c.conversations.map((m) => m.from))).toEqual([
      ['system', 'gpt', 'human', 'gpt'],
      ['system', 'human', 'gpt']
    ])
    const chatml = buildFineTuneDataset({
      systemPrompt: 'S',
      characterName: 'Aiko',
      conversations: [conversations[0]!],
      format: 'chatml'
    }).text
    expect(chatml.match(/<\|im_start\|>/g)).toHaveLength(4)
    expect(chatml).toContain('<|im_start|>user\nHello Aiko<|im_end|>')
  })
})
