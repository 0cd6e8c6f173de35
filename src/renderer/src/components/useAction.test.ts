import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { runAction } from './useAction'

describe('runAction', () => {
  it('clears the last error, runs the job and reports success', async () => {
    const shown: (string | null)[] = []
    let ran = false
    expect(
      await runAction(
        async () => {
          ran = true
        },
        (message) => shown.push(message)
      )
    ).toBe(true)
    expect(ran).toBe(true)
    expect(shown).toEqual([null])
  })

  it("shows a failure's message instead of throwing it, after clearing the last one", async () => {
    const shown: (string | null)[] = []
    const failed = await runAction(
      () => Promise.reject(new AppError('NOT_FOUND', 'That character no longer exists.')),
      (message) => shown.push(message)
    )
    expect(failed).toBe(false)
    expect(shown).toEqual([null, 'That character no longer exists.'])
    await runAction(
      () => Promise.reject(new Error('disk full')),
      (message) => shown.push(message)
    )
    expect(shown.slice(2)).toEqual([null, 'disk full'])
  })
})
