import { join } from 'node:path'
import { starterCharacter } from '../characters/starterCharacter'
import { openDatabase } from '../db/openDatabase'
import { CharacterRepository } from '../db/repositories/CharacterRepository'
import { ChatRepository } from '../db/repositories/ChatRepository'
import { MessageRepository } from '../db/repositories/MessageRepository'
import { SettingsRepository } from '../db/repositories/SettingsRepository'
import { UserRepository } from '../db/repositories/UserRepository'
import { ModelSettingsService } from '../settings/ModelSettingsService'
import { SettingsService } from '../settings/SettingsService'

/** The database and what most services share of it, with the local user (made on the first start). */
export type Stores = ReturnType<typeof openStores>

/**
 * Opens (and migrates) the database in the data folder. Replies cut by the last quit are marked interrupted, and a
 * first start gets the local user and the starter character.
 */
export function openStores(dataDir: string) {
  const db = openDatabase(join(dataDir, 'ai-anime.sqlite'))
  const users = new UserRepository(db)
  const characters = new CharacterRepository(db)
  const chats = new ChatRepository(db)
  const messages = new MessageRepository(db)
  const settingsRepository = new SettingsRepository(db)
  const settings = new SettingsService(settingsRepository)
  const modelSettings = new ModelSettingsService(settingsRepository)
  messages.markInterrupted()
  const user = users.ensureLocalUser()
  if (characters.count(user.id) === 0) characters.insert(user.id, starterCharacter())
  return { db, users, characters, chats, messages, settings, modelSettings, user }
}
