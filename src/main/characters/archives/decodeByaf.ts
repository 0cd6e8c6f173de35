import { blankCharacterDraft, defaultSliders } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { ZipEntry } from '../../util/zip/readZip'
import { readArchiveJson } from './decodeCharx'
import { expressionLabel } from './expressionLabel'
import type { ArchiveAsset, ImportedCharacter, ImportedChat, ImportedLore, ImportedMessage } from './importedCharacter'

type Json = Record<string, unknown>

const text = (value: unknown): string => (typeof value === 'string' ? value.replace(/\r\n/g, '\n') : '')
const objects = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((v): v is Json => !!v && typeof v === 'object' && !Array.isArray(v)) : []
/** Backyard writes `{character}` and `{user}` where cards write `{{char}}` and `{{user}}`. */
const macros = (value: string): string => value.replace(/\{character\}/g, '{{char}}').replace(/\{user\}/g, '{{user}}')

/** Paths in a BYAF are '/'-separated; image paths are relative to the character's folder. */
function join(dir: string, path: string): string {
  const parts = [...dir.split('/'), ...path.replace(/^\.\//, '').split('/')].filter((p) => p && p !== '.')
  const out: string[] = []
  for (const part of parts) {
    if (part === '..') out.pop()
    else out.push(part)
  }
  return out.join('/')
}

/** A Backyard lore key is a comma-separated list of trigger words. */
function loreOf(name: string, items: Json[]): ImportedLore | null {
  if (items.length === 0) return null
  return {
    name: `${name} (Backyard lore)`,
    entries: items.map((item) => ({
      keys: text(item.key)
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      content: macros(text(item.value)),
      comment: text(item.key)
    }))
  }
}

/** A scenario's model settings, as Backyard names them; only those the file has. */
const MODEL_SETTINGS = [
  'model',
  'promptTemplate',
  'grammar',
  'temperature',
  'topK',
  'topP',
  'minP',
  'minPEnabled',
  'repeatPenalty',
  'repeatLastN',
  'canDeleteExampleMessages'
] as const

/**
 * A scenario's model settings and prompt template. The app's sampling and chat template belong to the model file,
 * not to a character or chat, so they are not applied; they are kept with the chat and the character (whose card
 * extensions an export writes back) so nothing the archive said is lost.
 */
function settingsOf(scenario: Json): Json {
  return Object.fromEntries(MODEL_SETTINGS.filter((key) => key in scenario).map((key) => [key, scenario[key]]))
}

/** Human turns are one text; AI turns are `outputs[]`, every regeneration, the one shown having the latest `activeTimestamp`. */
function messagesOf(scenario: Json, greeting: string): ImportedMessage[] {
  const messages: ImportedMessage[] = greeting
    ? [{ role: 'assistant', swipes: [greeting], swipeIndex: 0, createdAt: null }]
    : []
  for (const message of objects(scenario.messages)) {
    if (message.type === 'human') {
      messages.push({
        role: 'user',
        swipes: [text(message.text)],
        swipeIndex: 0,
        createdAt: typeof message.createdAt === 'string' ? message.createdAt : null
      })
    } else if (message.type === 'ai') {
      const outputs = objects(message.outputs)
      if (outputs.length === 0) continue
      const stamp = (o: Json): number => Date.parse(text(o.activeTimestamp)) || 0
      const shown = outputs.reduce((best, o, i) => (stamp(o) > stamp(outputs[best]!) ? i : best), 0)
      messages.push({
        role: 'assistant',
        swipes: outputs.map((o) => text(o.text)),
        swipeIndex: shown,
        createdAt: typeof outputs[shown]!.createdAt === 'string' ? outputs[shown]!.createdAt : null
      })
    }
  }
  return messages
}

/**
 * A Backyard AI Archive (`.byaf`): `manifest.json` -> one `characters/<id>/character.json` (persona, lore items,
 * images) and `scenarios/*.json` (narrative, first and example messages, the chat). Every file the manifest names
 * must be there: a missing one refuses the whole archive.
 */
export function decodeByaf(fileName: string, entries: Map<string, ZipEntry>): ImportedCharacter {
  const need = (path: string): ZipEntry => {
    const entry = entries.get(path)
    if (!entry) throw new AppError('CARD_INVALID', `${fileName} names "${path}", which is not in the archive.`)
    return entry
  }
  const manifest = readArchiveJson(
    entries.get('manifest.json') ??
      (() => {
        throw new AppError('CARD_INVALID', `${fileName} is not a Backyard archive (it has no manifest.json).`)
      })(),
    'manifest'
  )
  const characterPath: unknown = Array.isArray(manifest.characters) ? manifest.characters[0] : undefined
  if (typeof characterPath !== 'string')
    throw new AppError('CARD_INVALID', `${fileName}: its manifest names no character.`)
  const character = readArchiveJson(need(characterPath), 'character')
  const scenarios = (Array.isArray(manifest.scenarios) ? manifest.scenarios : [])
    .filter((p): p is string => typeof p === 'string')
    .map((path) => readArchiveJson(need(path), 'scenario'))
  const name = (text(character.displayName) || text(character.name)).trim()
  if (!name) throw new AppError('CARD_INVALID', `${fileName}: the character has no name.`)

  const characterDir = characterPath.split('/').slice(0, -1).join('/')
  const images: ArchiveAsset[] = objects(character.images).map((image) => {
    const path = join(characterDir, text(image.path))
    return {
      asset: { type: 'x_byaf_image', name: text(image.label), ext: path.split('.').pop() ?? 'unknown', uri: null },
      bytes: need(path).read()
    }
  })
  const avatar = images[0] ?? null
  const expressions: ImportedCharacter['expressions'] = []
  const assets: ArchiveAsset[] = []
  for (const image of images.slice(1)) {
    const label = expressionLabel(image.asset.name)
    if (label && !expressions.some((e) => e.label === label)) expressions.push({ label, image })
    else assets.push(image)
  }

  // Scenario backgrounds are paths from the archive's root; kept with the character as background assets.
  for (const [i, scenario] of scenarios.entries()) {
    const path = text(scenario.backgroundImage).replace(/^\.?\//, '')
    if (!path) continue
    assets.push({
      asset: {
        type: 'background',
        name: text(scenario.title) || `scenario ${i + 1}`,
        ext: path.split('.').pop() ?? 'unknown',
        uri: null
      },
      bytes: need(path).read()
    })
  }

  const characterId = text(character.id)
  const firstOf = (s: Json): string => macros(text(objects(s.firstMessages)[0]?.text))
  const first = scenarios[0] ?? {}
  const exampleDialogue = objects(first.exampleMessages)
    .map(
      (m) =>
        `<START>\n${m.characterID === characterId || !m.characterID ? '{{char}}' : '{{user}}'}: ${macros(text(m.text))}`
    )
    .join('\n')
  const chats: ImportedChat[] = scenarios
    .map((s, i) => ({
      title: text(s.title).trim() || (scenarios.length > 1 ? `${name} (Backyard ${i + 1})` : `${name} (Backyard)`),
      messages: messagesOf(s, firstOf(s)),
      settings: settingsOf(s)
    }))
    .filter((chat) => chat.messages.some((m) => m.role === 'user'))
  const draft = {
    ...blankCharacterDraft(),
    name,
    backstory: macros(text(character.persona)),
    scenario: macros(text(first.narrative)),
    systemPrompt: macros(text(first.formattingInstructions)),
    firstMessage: firstOf(first),
    alternateGreetings: scenarios.slice(1).map(firstOf).filter(Boolean),
    exampleDialogue,
    tags: character.isNSFW === true ? ['nsfw'] : [],
    sliders: defaultSliders(),
    cardExtensions: {
      backyard: {
        id: characterId,
        name: text(character.name),
        isNSFW: character.isNSFW === true,
        ...(scenarios[0] ? { modelSettings: settingsOf(first) } : {})
      }
    }
  }
  return { draft, avatar, expressions, assets, chats, lore: loreOf(name, objects(character.loreItems)) }
}
