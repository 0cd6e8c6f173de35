import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { API_METHODS } from '../../shared/contract'
import type { Core } from '../core'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { dispatch } from './dispatch'
import { createHandlers } from './handlers'
import { inputSchemas } from './inputSchemas'
import { useTestCore } from '../../../tests/helpers/useTestCore'

describe('the contract is fully handled', () => {
  const tempDir = useTempDir()
  let core: Core
  useTestCore((created) => (core = created))

  it('has exactly one handler and one input schema per declared method', () => {
    const handlers = createHandlers(core, 'http')
    expect(Object.keys(handlers).sort()).toEqual([...API_METHODS].sort())
    expect(Object.keys(inputSchemas).sort()).toEqual([...API_METHODS].sort())
    for (const method of API_METHODS) expect(typeof handlers[method]).toBe('function')
  })

  it('turns unknown methods, invalid input and service errors into typed results', async () => {
    const handlers = createHandlers(core, 'http')
    expect(await dispatch(handlers, 'chat.nope', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await dispatch(handlers, 'chat.send', { chatId: 5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    expect(await dispatch(handlers, 'characters.get', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    expect(await dispatch(handlers, 'models.load', { path: '/definitely/not/here.gguf' })).toMatchObject({
      ok: false,
      error: { code: 'MODEL_FILE_NOT_FOUND' }
    })
    const list = await dispatch(handlers, 'characters.list', {})
    expect(list.ok && Array.isArray(list.value) && list.value.length).toBe(1)
  })

  it('keeps settings and merges partial updates over defaults', async () => {
    const handlers = createHandlers(core, 'http')
    const updated = await dispatch(handlers, 'settings.update', { sampling: { temperature: 0.3 } })
    expect(updated).toMatchObject({ ok: true, value: { sampling: { temperature: 0.3, topP: 0.95 } } })
    expect(await dispatch(handlers, 'settings.update', { sampling: { temperature: 99 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    expect(core.settings.get().sampling.temperature).toBe(0.3)
  })

  it('answers typed errors for things that are not there, without echoing file contents', async () => {
    const handlers = createHandlers(core, 'http')
    expect(await dispatch(handlers, 'chat.list', { characterId: 'no-such-character' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    expect(await dispatch(handlers, 'models.remove', { path: '/not/in/the/library.gguf' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    const secret = join(tempDir(), 'notes.txt')
    writeFileSync(secret, 'SK-9f3a secret token')
    const inspected = await dispatch(handlers, 'models.inspect', { path: secret })
    expect(inspected).toMatchObject({ ok: false, error: { code: 'MODEL_FILE_INVALID' } })
    expect(JSON.stringify(inspected)).not.toMatch(/SK-|secret/)
  })

  it('reads a chat’s moods with 1-500 slices, and refuses other counts and unknown chats', async () => {
    const handlers = createHandlers(core, 'http')
    const characterId = core.characters.list(core.userId)[0]!.id
    const chatId = core.chat.create(characterId).id
    const moods = await dispatch(handlers, 'chat.moods', { chatId })
    expect(moods).toMatchObject({ ok: true, value: { buckets: [] } })
    for (const points of [0, 501, 2.5]) {
      expect(await dispatch(handlers, 'chat.moods', { chatId, points })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' }
      })
    }
    expect(await dispatch(handlers, 'chat.moods', { chatId: 'no-such-chat' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
  })
})
