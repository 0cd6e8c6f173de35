import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { starterCharacter } from '../characters/starterCharacter'
import { openDatabase, type Db } from '../db/openDatabase'
import { CharacterRepository } from '../db/repositories/CharacterRepository'
import { ChatRepository } from '../db/repositories/ChatRepository'
import { MessageRepository } from '../db/repositories/MessageRepository'
import { UserRepository } from '../db/repositories/UserRepository'
import { MemoryJobs, type MemoryJob } from './MemoryJobs'

describe('MemoryJobs: memory work kept in SQLite until it ran', () => {
  const tempDir = useTempDir()

  const setup = (file = join(tempDir(), 'app.sqlite')): { db: Db; file: string; chatId: string; ids: string[] } => {
    const db = openDatabase(file)
    const user = new UserRepository(db).ensureLocalUser()
    const character = new CharacterRepository(db).insert(user.id, starterCharacter())
    const chat = new ChatRepository(db).create(character.id, user.id, 'Chat')
    const messages = new MessageRepository(db)
    const ids = ['one', 'two', 'three'].map(
      (content) => messages.insert({ chatId: chat.id, role: 'user', content, status: 'complete' }).id
    )
    return { db, file, chatId: chat.id, ids }
  }

  it('survives a restart: a job not run before the process ended runs from a new queue on the same file', async () => {
    const { db, file, chatId, ids } = setup()
    new MemoryJobs(db, () => Promise.resolve()).add('ingest', chatId, ids[0]!)
    db.close()
    const reopened = openDatabase(file)
    const ran: string[] = []
    const jobs = new MemoryJobs(reopened, async (job) => void ran.push(job.messageId))
    await jobs.drain()
    expect(ran).toEqual([ids[0]])
    expect(jobs.pending()).toEqual([])
    reopened.close()
  })

  it('keeps a job that gave way (BUSY, CANCELLED, AbortError, no model) and runs it at the next drain', async () => {
    const { db, chatId, ids } = setup()
    const failures: Error[] = [
      new AppError('BUSY', 'a reply came'),
      new AppError('CANCELLED', 'stopped'),
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      new AppError('MODEL_NOT_LOADED', 'no model')
    ]
    let runs = 0
    const jobs = new MemoryJobs(db, async () => {
      runs++
      const failure = failures.shift()
      if (failure) throw failure
    })
    jobs.add('extract', chatId, ids[0]!)
    for (let i = 0; i < 4; i++) {
      await jobs.drain()
      expect(jobs.pending()).toHaveLength(1)
    }
    await jobs.drain()
    expect(runs).toBe(5)
    expect(jobs.pending()).toEqual([])
    db.close()
  })

  it('drops a job that keeps failing for another reason after a few tries', async () => {
    const { db, chatId, ids } = setup()
    let runs = 0
    const jobs = new MemoryJobs(db, () => {
      runs++
      return Promise.reject(new Error('broken'))
    })
    jobs.add('ingest', chatId, ids[0]!)
    for (let i = 0; i < 10; i++) await jobs.drain()
    expect(runs).toBe(5)
    expect(jobs.pending()).toEqual([])
    db.close()
  })

  it('runs a job once when two drains meet; filters by chat, kind and message; a deleted message takes its jobs', async () => {
    const { db, chatId, ids } = setup()
    const ran: MemoryJob[] = []
    const jobs = new MemoryJobs(db, async (job) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      ran.push(job)
    })
    for (const id of ids) jobs.add('ingest', chatId, id)
    jobs.add('ingest', chatId, ids[0]!)
    jobs.add('extract', chatId, ids[0]!)
    new MessageRepository(db).delete(ids[2]!)
    expect(jobs.pending().map((j) => [j.kind, j.messageId])).toEqual([
      ['ingest', ids[0]],
      ['ingest', ids[1]],
      ['extract', ids[0]]
    ])
    await jobs.drain({ chatId, exceptMessageId: ids[1], kinds: ['ingest'] })
    expect(ran.map((j) => j.messageId)).toEqual([ids[0]])
    await Promise.all([jobs.drain(), jobs.drain()])
    expect(ran.map((j) => `${j.kind}:${j.messageId}`)).toEqual([
      `ingest:${ids[0]}`,
      `ingest:${ids[1]}`,
      `extract:${ids[0]}`
    ])
    db.close()
  })
})
