import type { Character, CharacterDraft, TraitSliders } from '../../shared/domain'
import type { GeneratableField } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { type CharacterRepository, toDraft } from '../db/repositories/CharacterRepository'
import type { SettingsService } from '../settings/SettingsService'
import type { EventBus } from '../util/EventBus'
import type { CharacterGenerator } from './generate/CharacterGenerator'
import type { AvatarStore } from './avatar/AvatarStore'
import { processAvatarUpload } from './avatar/processAvatarUpload'
import { renderDefaultAvatarPng, renderDefaultAvatarSvg } from './avatar/renderDefaultAvatar'
import { generateAvatarImage } from './avatar/generateAvatarImage'
import { buildImagePrompt } from './avatar/buildImagePrompt'
import { decodeCard } from './cards/decodeCard'
import { encodeCard, fileNameFor, type CardFormat } from './cards/encodeCard'
import { EXPRESSION_LABELS } from './archives/expressionLabel'
import { isZip } from '../util/zip/readZip'
import { decodeCharacterArchive } from './archives/decodeCharacterArchive'
import { encodeCharx } from './archives/encodeCharx'
import { lorebookFromCard } from './cards/lorebook'
import { mergeLorebooks } from './cards/mergeLorebooks'
import { parseImportedDraft } from './characterDraftSchema'
import { storeImportedCharacter, type ImportStores } from './archives/storeImportedCharacter'

export interface CharacterServiceDeps {
  repository: CharacterRepository
  generator: CharacterGenerator
  events: EventBus
  userId: string
  avatars: AvatarStore
  settings: SettingsService
  /** Where archive imports put chats and other rows (one transaction with the character). */
  stores: Omit<ImportStores, 'avatars' | 'characters'>
  /** The lorebooks attached to a character, as card `character_book`s; they go into its exported card. */
  attachedLorebooks?: (characterId: string) => Record<string, unknown>[]
  /** Before a character is deleted: what must stop first (its replies being written); composed in core.ts. */
  onDeleting?: (characterId: string) => void
  /** What else goes with a deleted character (its memory index rows); composed in core.ts. */
  onDeleted?: (characterId: string) => Promise<void>
}

/** Character profiles: CRUD in SQLite plus generation runs that can be cancelled by request id. */
export class CharacterService {
  private readonly generations = new Map<string, AbortController>()

  constructor(private readonly deps: CharacterServiceDeps) {}

  list(): Character[] {
    return this.deps.repository.list(this.deps.userId)
  }

  get(id: string): Character {
    return this.deps.repository.get(id)
  }

  update(id: string, patch: Partial<CharacterDraft>): Character {
    return this.deps.repository.update(id, patch)
  }

  /** Deletes the profile (its chats and memories go with it in SQLite) and what lives outside SQLite. */
  async delete(id: string): Promise<void> {
    this.deps.repository.get(id)
    this.deps.onDeleting?.(id)
    this.deps.repository.delete(id)
    await this.deps.onDeleted?.(id)
  }

  /**
   * Imports a Character Card (PNG, JSON), a CHARX or a Backyard archive (zips, told apart by what they hold);
   * nothing is stored unless the whole file is valid.
   */
  async importCard(fileName: string, bytes: Uint8Array): Promise<Character> {
    if (isZip(bytes)) {
      const imported = decodeCharacterArchive(fileName, bytes)
      return storeImportedCharacter(
        { ...this.deps.stores, characters: this.deps.repository, avatars: this.deps.avatars },
        this.deps.userId,
        { ...imported, draft: parseImportedDraft(imported.draft, fileName) }
      )
    }
    const decoded = decodeCard(fileName, bytes)
    const draft = parseImportedDraft(decoded.draft, fileName)
    const image = decoded.image
    const avatarFile = image ? await this.deps.avatars.save(await processAvatarUpload(image)) : null
    return this.deps.repository.insert(this.deps.userId, { ...draft, avatarFile })
  }

  /** The character as a card file, with the lorebooks attached to it merged into its card book (see mergeLorebooks). */
  async exportCard(id: string, format: CardFormat): Promise<{ fileName: string; bytes: Uint8Array }> {
    const character = this.deps.repository.get(id)
    const stored = character.avatarFile ? await this.deps.avatars.read(character.avatarFile) : null
    const avatarPng = stored ?? (await renderDefaultAvatarPng(character))
    const attached = (this.deps.attachedLorebooks?.(id) ?? []).flatMap((book) => lorebookFromCard(book) ?? [])
    const draft = { ...toDraft(character), lorebook: mergeLorebooks(character.lorebook, attached) }
    if (format !== 'charx') return encodeCard(draft, format, avatarPng)
    const expressions: { label: string; png: Uint8Array }[] = []
    for (const [label, file] of Object.entries(character.expressions)) {
      const png = await this.deps.avatars.read(file)
      if (png) expressions.push({ label, png })
    }
    const assets = await Promise.all(
      character.assets.map(async (asset) => ({
        asset,
        bytes: asset.file ? await this.deps.avatars.read(asset.file) : null
      }))
    )
    return {
      fileName: fileNameFor(character.name, 'charx'),
      bytes: encodeCharx(draft, { avatarPng, expressions, assets })
    }
  }

  async setAvatar(id: string, bytes: Uint8Array | null): Promise<Character> {
    this.deps.repository.get(id)
    const avatarFile = bytes ? await this.deps.avatars.save(await processAvatarUpload(bytes)) : null
    return this.deps.repository.update(id, { avatarFile })
  }

  /** Draws the avatar on the user's local image server (AUTOMATIC1111/Forge or ComfyUI). */
  async generateAvatar(id: string): Promise<Character> {
    const server = this.deps.settings.get().imageServer
    if (!server)
      throw new AppError(
        'INVALID_INPUT',
        'No image server is set up. Add your local AUTOMATIC1111/Forge or ComfyUI address under Models first.'
      )
    const character = this.deps.repository.get(id)
    const tags = character.imagePrompt.trim()
      ? { prompt: character.imagePrompt, negativePrompt: buildImagePrompt(character).negativePrompt }
      : buildImagePrompt(character)
    return this.setAvatar(id, await generateAvatarImage(server, tags))
  }

  /** One expression image (label = a GoEmotions or mood name); null removes it. */
  async setExpression(id: string, label: string, bytes: Uint8Array | null): Promise<Character> {
    const character = this.deps.repository.get(id)
    const expressions = { ...character.expressions }
    if (bytes) expressions[label] = await this.deps.avatars.save(await processAvatarUpload(bytes, 'sprite'))
    else delete expressions[label]
    return this.deps.repository.update(id, { expressions })
  }

  /** A SillyTavern-style expression pack: image files named after emotion labels ("joy.png", "admiration.webp"). */
  async importExpressions(
    id: string,
    files: readonly { fileName: string; bytes: Uint8Array }[]
  ): Promise<{ character: Character; skipped: string[] }> {
    const skipped: string[] = []
    let character = this.deps.repository.get(id)
    for (const file of files) {
      const label = file.fileName
        .replace(/\.[^.]+$/, '')
        .toLowerCase()
        .replace(/^.*[\\/]/, '')
      if (!EXPRESSION_LABELS.has(label)) {
        skipped.push(file.fileName)
        continue
      }
      character = await this.setExpression(id, label, file.bytes)
    }
    return { character, skipped }
  }

  /**
   * The picture for the renderer: the expression for the current emotion (finest label first, then the mood),
   * else the uploaded avatar, else the generated one.
   */
  async avatarDataUrl(id: string, emotion?: { label: string; fineLabel: string }): Promise<string> {
    const character = this.deps.repository.get(id)
    const sprite = emotion
      ? (character.expressions[emotion.fineLabel] ?? character.expressions[emotion.label])
      : undefined
    const spriteBytes = sprite ? await this.deps.avatars.read(sprite) : null
    if (spriteBytes) return `data:image/png;base64,${Buffer.from(spriteBytes).toString('base64')}`
    const stored = character.avatarFile ? await this.deps.avatars.read(character.avatarFile) : null
    if (stored) return `data:image/png;base64,${Buffer.from(stored).toString('base64')}`
    return `data:image/svg+xml;base64,${Buffer.from(renderDefaultAvatarSvg(character)).toString('base64')}`
  }

  create(draft: CharacterDraft): Character {
    return this.deps.repository.insert(this.deps.userId, draft)
  }

  duplicate(id: string): Character {
    const source = toDraft(this.deps.repository.get(id))
    return this.deps.repository.insert(this.deps.userId, { ...source, name: `${source.name} (copy)` })
  }

  generate(requestId: string, prompt: string, sliders: TraitSliders): Promise<CharacterDraft> {
    return this.track(requestId, (signal) =>
      this.deps.generator.generate({
        concept: prompt,
        sliders,
        signal,
        onPartial: (partial) => this.deps.events.emit('characters.generateProgress', { requestId, partial })
      })
    )
  }

  generateField(
    requestId: string,
    prompt: string,
    draft: CharacterDraft,
    field: GeneratableField
  ): Promise<Partial<CharacterDraft>> {
    return this.track(requestId, (signal) =>
      this.deps.generator.generateField({
        concept: prompt,
        draft,
        field,
        signal,
        onPartial: (partial) => this.deps.events.emit('characters.generateProgress', { requestId, partial })
      })
    )
  }

  cancel(requestId: string): boolean {
    const controller = this.generations.get(requestId)
    controller?.abort()
    return controller !== undefined
  }

  private async track<T>(requestId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.generations.has(requestId)) throw new AppError('BUSY', 'That generation is already running.')
    const controller = new AbortController()
    this.generations.set(requestId, controller)
    try {
      return await run(controller.signal)
    } finally {
      this.generations.delete(requestId)
    }
  }

  dispose(): void {
    for (const controller of this.generations.values()) controller.abort()
  }
}
