import { ChatMLChatWrapper, GeneralChatWrapper, QwenChatWrapper } from 'node-llama-cpp'
import { describe, expect, it } from 'vitest'
import { hiddenSegmentsOf, hideSegments } from './hideSegments'

const think = { open: '<think>\n', close: '\n</think>' }

describe('hideSegments', () => {
  it('drops a thought and the whitespace between it and the answer', () => {
    expect(hideSegments('<think>\nShe asked about cake.\n</think>\n\nI baked a lemon tart!', [think])).toBe(
      'I baked a lemon tart!'
    )
  })

  it('hides everything after a thought that has not closed yet', () => {
    expect(hideSegments('<think>\nStill thinking', [think])).toBe('')
    expect(hideSegments('Well. <think>\nhmm', [think])).toBe('Well. ')
  })

  it('starts inside a thought the template opened, and leaves text without segments alone', () => {
    expect(hideSegments('planning\n</think>\n\n Hi!', [think], think)).toBe('Hi!')
    expect(hideSegments('  Plain reply.', [think])).toBe('  Plain reply.')
  })
})

describe('hiddenSegmentsOf', () => {
  it('reads thought markers from reasoning templates only', () => {
    expect(hiddenSegmentsOf(new QwenChatWrapper()).segments).toEqual([think])
    expect(hiddenSegmentsOf(new ChatMLChatWrapper()).segments).toEqual([])
    expect(hiddenSegmentsOf(new GeneralChatWrapper()).openAtStart('### Assistant\n')).toBeNull()
    expect(hiddenSegmentsOf(new QwenChatWrapper()).openAtStart('<|im_start|>assistant\n<think>\n')).toEqual(think)
  })
})
