import { describe, expect, it } from 'vitest'
import { detectForgetCommand } from './detectForgetCommand'

describe('detectForgetCommand', () => {
  it('recognises taking the last thing back and forgetting a topic', () => {
    expect(detectForgetCommand('Forget that.')).toEqual({ target: 'last' })
    expect(detectForgetCommand('please forget what I just said!')).toEqual({ target: 'last' })
    expect(detectForgetCommand('Can you forget about my old job?')).toEqual({ target: 'topic', topic: 'my old job' })
  })

  it('leaves ordinary sentences alone', () => {
    expect(detectForgetCommand("Don't forget that I love you")).toBeNull()
    expect(detectForgetCommand('I always forget my keys')).toBeNull()
  })
})
