import {
  ChatMLChatWrapper,
  GemmaChatWrapper,
  GeneralChatWrapper,
  Llama3ChatWrapper,
  MistralChatWrapper,
  type ChatWrapperGeneratedContextState
} from 'node-llama-cpp'
import { describe, expect, it } from 'vitest'
import { keepSystemPromptFirst, movesSystemPrompt } from './keepSystemPromptFirst'
import type { PromptTurn } from './types'

const system: PromptTurn = { role: 'system', text: 'You are Aiko.' }
const greeting: PromptTurn = { role: 'assistant', text: 'Welcome in!' }
const hello: PromptTurn = { role: 'user', text: 'Hi Aiko.' }

describe('keepSystemPromptFirst', () => {
  it('tells the templates that move the system prompt to the newest user turn (Mistral) from those that do not', () => {
    expect(movesSystemPrompt(new MistralChatWrapper())).toBe(true)
    for (const wrapper of [new ChatMLChatWrapper(), new Llama3ChatWrapper(), new GemmaChatWrapper()])
      expect(movesSystemPrompt(wrapper)).toBe(false)
  })

  it('leaves a template that rejects the probe as it is', () => {
    class Strict extends GeneralChatWrapper {
      override generateContextState(): ChatWrapperGeneratedContextState {
        throw new Error('Conversation roles must alternate user/assistant')
      }
    }
    const strict = new Strict()
    expect(movesSystemPrompt(strict)).toBe(false)
    expect(keepSystemPromptFirst(strict, [system, hello])).toEqual([system, hello])
  })

  it('opens the first user turn with the system prompt, or gives it a user turn of its own before a greeting', () => {
    const mistral = new MistralChatWrapper()
    expect(keepSystemPromptFirst(mistral, [system, hello, greeting])).toEqual([
      { role: 'user', text: 'You are Aiko.\n\nHi Aiko.' },
      greeting
    ])
    expect(keepSystemPromptFirst(mistral, [system, greeting, hello])).toEqual([
      { role: 'user', text: 'You are Aiko.' },
      greeting,
      hello
    ])
    const chatml = new ChatMLChatWrapper()
    expect(keepSystemPromptFirst(chatml, [system, greeting, hello])).toEqual([system, greeting, hello])
  })

  it('renders a Mistral prompt whose start stays the same when a turn is added', () => {
    const mistral = new MistralChatWrapper()
    const render = (turns: PromptTurn[]): string =>
      mistral
        .generateContextState({
          chatHistory: keepSystemPromptFirst(mistral, turns).map((t) =>
            t.role === 'user'
              ? { type: 'user', text: t.text }
              : t.role === 'system'
                ? { type: 'system', text: t.text }
                : { type: 'model', response: [t.text] }
          )
        })
        .contextText.toString()
    const before = render([system, greeting, hello])
    const after = render([
      system,
      greeting,
      hello,
      { role: 'assistant', text: 'Hello!' },
      { role: 'user', text: 'How are you?' }
    ])
    expect(after.startsWith(before)).toBe(true)
  })
})
