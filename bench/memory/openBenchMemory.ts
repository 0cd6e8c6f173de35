import { join } from 'node:path'
import { starterCharacter } from '../../src/main/characters/starterCharacter'
import { openDatabase, type Db } from '../../src/main/db/openDatabase'
import { CharacterRepository } from '../../src/main/db/repositories/CharacterRepository'
import { UserRepository } from '../../src/main/db/repositories/UserRepository'
import type { Embedder } from '../../src/main/llm/embed/Embedder'
import { openMemoryService, type OpenedMemory } from '../../src/main/memory/openMemoryService'

export interface BenchMemory extends OpenedMemory {
  db: Db
  characterId: string
  userId: string
  close(): Promise<void>
}

/** The app's own memory stack (SQLite + LanceDB + embedder) in a scratch folder, with one character. */
export async function openBenchMemory(dir: string, embedder: Embedder): Promise<BenchMemory> {
  const db = openDatabase(join(dir, 'bench.sqlite'))
  const user = new UserRepository(db).ensureLocalUser()
  const character = new CharacterRepository(db).insert(user.id, starterCharacter())
  const opened = await openMemoryService(db, join(dir, 'memory-index'), embedder)
  return {
    ...opened,
    db,
    characterId: character.id,
    userId: user.id,
    async close() {
      await opened.memory.close()
      db.close()
    }
  }
}
