import type { Character, CharacterAsset } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { Db } from '../../db/openDatabase'
import type { CharacterRepository } from '../../db/repositories/CharacterRepository'
import type { UserRepository } from '../../db/repositories/UserRepository'
import type { AvatarStore } from '../avatar/AvatarStore'
import { processAvatarUpload } from '../avatar/processAvatarUpload'
import type { ArchiveAsset, ImportedCharacter, ImportedChat, ImportedLore } from './importedCharacter'

export interface ImportStores {
  db: Db
  users: UserRepository
  characters: CharacterRepository
  avatars: AvatarStore
  /** Stores one chat of the new character in the current transaction (the chat capability's importer). */
  importChat: (characterId: string, chat: ImportedChat) => void
  /** Stores lore as a lorebook attached to the new character, in the current transaction (the lorebooks capability). */
  importLore: (characterId: string, lore: ImportedLore) => void
}

/** The picture as the app stores it, or null when it is not a picture the app shows (GIF, AVIF): then it is kept as is. */
async function asPicture(image: ArchiveAsset, shape: 'square' | 'sprite'): Promise<Uint8Array | null> {
  if (!image.bytes) return null
  try {
    return await processAvatarUpload(image.bytes, shape)
  } catch (error) {
    if (error instanceof AppError && error.code === 'IMAGE_INVALID') return null
    throw error
  }
}

/**
 * Stores an imported character with its pictures, kept assets and chats. Images are prepared first, then the files
 * are written and the rows inserted in one transaction; if anything fails the written files are removed, so a failed
 * import leaves no character, no chat and no stray file.
 */
export async function storeImportedCharacter(
  stores: ImportStores,
  userId: string,
  imported: ImportedCharacter
): Promise<Character> {
  const kept: ArchiveAsset[] = [...imported.assets]
  const avatar = imported.avatar ? await asPicture(imported.avatar, 'square') : null
  if (imported.avatar && !avatar) kept.unshift(imported.avatar)
  const sprites: { label: string; png: Uint8Array }[] = []
  for (const { label, image } of imported.expressions) {
    const png = await asPicture(image, 'sprite')
    if (png) sprites.push({ label, png })
    else kept.push(image)
  }

  const written: string[] = []
  const save = async (bytes: Uint8Array, ext: string): Promise<string> => {
    const name = await stores.avatars.save(bytes, ext)
    written.push(name)
    return name
  }
  try {
    const avatarFile = avatar ? await save(avatar, 'png') : null
    const expressions: Record<string, string> = {}
    for (const sprite of sprites) expressions[sprite.label] = await save(sprite.png, 'png')
    const assets: CharacterAsset[] = []
    for (const item of kept)
      assets.push({ ...item.asset, file: item.bytes ? await save(item.bytes, item.asset.ext) : null })
    const userName = stores.users.get(userId).name
    const names = (value: string): string =>
      value.replace(/\{\{char\}\}/gi, imported.draft.name).replace(/\{\{user\}\}/gi, userName)
    return stores.db.transaction(() => {
      const character = stores.characters.insert(userId, { ...imported.draft, avatarFile, expressions, assets })
      if (imported.lore) stores.importLore(character.id, imported.lore)
      for (const chat of imported.chats)
        stores.importChat(character.id, {
          ...chat,
          messages: chat.messages.map((m) => ({ ...m, swipes: m.swipes.map(names) }))
        })
      return character
    })()
  } catch (error) {
    await Promise.all(written.map((name) => stores.avatars.remove(name)))
    throw error
  }
}
