import type { LlamaModel } from 'node-llama-cpp'
import { describe, expect, it } from 'vitest'
import { createChatWrapper } from './createChatWrapper'

describe('createChatWrapper', () => {
  it('renders Llama 3.1 chats without the tool-calling preamble a character never needs', () => {
    const wrapper = createChatWrapper('llama3.1', null as unknown as LlamaModel)
    const text = wrapper
      .generateContextState({
        chatHistory: [
          { type: 'system', text: 'You are Aiko.' },
          { type: 'user', text: 'Hi!' },
          { type: 'model', response: [] }
        ]
      })
      .contextText.toString()
    expect(text).toContain('You are Aiko.')
    expect(text).not.toMatch(/tool|function/i)
  })
})
