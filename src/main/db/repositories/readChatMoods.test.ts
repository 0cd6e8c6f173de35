import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../../tests/helpers/tempDir'
import { EMOTION_VALENCE, EMOTIONS, type Emotion, type Message } from '../../../shared/domain'
import { starterCharacter } from '../../characters/starterCharacter'
import { openDatabase, type Db } from '../openDatabase'
import { CharacterRepository } from './CharacterRepository'
import { ChatRepository } from './ChatRepository'
import { GroupRepository } from './GroupRepository'
import { MessageRepository } from './MessageRepository'
import { isSampled, sampleStride } from './readChatMoods'
import { UserRepository } from './UserRepository'
import { takingTurns } from '../../../../tests/helpers/takingTurns'

const reading = (label: Emotion): { label: Emotion; confidence: number; fineLabel: string } => ({
  label,
  confidence: 0.9,
  fineLabel: label
})

/** The slices as the contract describes them, computed in JS from the whole list: what the SQL must agree with. */
/** The moods of `list` read in JS; `positions` and `width` place a sample of a chat where it sits in the whole. */
function expected(
  list: Message[],
  count: number,
  characterId: string,
  width = list.length,
  positions: number[] = list.map((_, i) => i)
): Map<string, { n: number; sum: number }> {
  const out = new Map<string, { n: number; sum: number }>()
  list.forEach((m, i) => {
    if (!m.emotion || m.role === 'system') return
    const key = `${Math.floor((positions[i]! * count) / width)}/${m.role === 'user' ? 'user' : (m.characterId ?? characterId)}`
    const entry = out.get(key) ?? { n: 0, sum: 0 }
    out.set(key, { n: entry.n + 1, sum: entry.sum + EMOTION_VALENCE[m.emotion.label] })
  })
  return out
}

describe('MessageRepository.moods', () => {
  const tempDir = useTempDir()

  const open = (): { db: Db; messages: MessageRepository; userId: string; characters: CharacterRepository } => {
    const db = openDatabase(join(tempDir(), 'app.sqlite'))
    const userId = new UserRepository(db).ensureLocalUser().id
    return { db, messages: new MessageRepository(db), userId, characters: new CharacterRepository(db) }
  }

  it('slices a chat in order, one mood per speaker, ignoring messages without a reading', () => {
    const { db, messages, userId, characters } = open()
    const character = characters.insert(userId, starterCharacter())
    const chatId = new ChatRepository(db).create(character.id, userId, 'moods').id
    // Ten messages, two per slice of five: user then character. Slice 2 has no reading at all, slice 3 only the user's.
    const labels: (Emotion | null)[] = ['joy', 'love', 'sadness', 'anger', null, null, 'fear', null, 'joy', 'surprise']
    labels.forEach((label, i) => {
      const m = messages.insert({ chatId, role: i % 2 ? 'assistant' : 'user', content: `m${i}`, status: 'complete' })
      if (label) messages.setEmotion(m.id, reading(label))
    })
    const moods = messages.moods(chatId, 5)
    expect(moods.bucketCount).toBe(5)
    expect(moods.buckets.map((b) => b.index)).toEqual([0, 1, 3, 4])
    expect(moods.buckets[0]!.moods).toEqual([
      { speaker: character.id, valence: 0.9, emotion: 'love', readings: 1 },
      { speaker: 'user', valence: 1, emotion: 'joy', readings: 1 }
    ])
    expect(moods.buckets[1]!.moods.map((m) => [m.speaker, m.emotion])).toEqual([
      [character.id, 'anger'],
      ['user', 'sadness']
    ])
    expect(moods.buckets[2]!.moods.map((m) => [m.speaker, m.emotion])).toEqual([['user', 'fear']])
  })

  it('averages valence and picks the most frequent emotion per slice; a chat shorter than `points` gets a slice per message', () => {
    const { db, messages, userId, characters } = open()
    const character = characters.insert(userId, starterCharacter())
    const chatId = new ChatRepository(db).create(character.id, userId, 'short').id
    for (const label of ['joy', 'sadness', 'sadness'] as const) {
      const m = messages.insert({ chatId, role: 'user', content: label, status: 'complete' })
      messages.setEmotion(m.id, reading(label))
    }
    expect(messages.moods(chatId, 1).buckets).toEqual([
      {
        index: 0,
        moods: [{ speaker: 'user', valence: expect.closeTo((1 - 0.8 - 0.8) / 3, 9), emotion: 'sadness', readings: 3 }]
      }
    ])
    const perMessage = messages.moods(chatId, 60)
    expect(perMessage.bucketCount).toBe(3)
    expect(perMessage.buckets.map((b) => b.moods[0]!.emotion)).toEqual(['joy', 'sadness', 'sadness'])
  })

  it('gives each group member its own mood, and skips readings it cannot read instead of failing', () => {
    const { db, messages, userId, characters } = open()
    const aiko = characters.insert(userId, { ...starterCharacter(), name: 'Aiko' })
    const ren = characters.insert(userId, { ...starterCharacter(), name: 'Ren' })
    const group = new GroupRepository(db).insert(userId, {
      name: 'Duo',
      scenario: '',
      characterIds: [aiko.id, ren.id],
      talkMode: 'in-order',
      promptMode: 'join',
      isAutoMode: false,
      autoModeMaxReplies: 3,
      mutedUntil: {},
      metadata: {}
    })
    const chatId = new ChatRepository(db).createInGroup(group.id, userId, 'Duo').id
    const say = (role: 'user' | 'assistant', characterId: string | null, label: Emotion): string => {
      const m = messages.insert({ chatId, role, content: label, status: 'complete', characterId })
      messages.setEmotion(m.id, reading(label))
      return m.id
    }
    say('user', null, 'joy')
    say('assistant', aiko.id, 'love')
    say('assistant', ren.id, 'anger')
    const broken = say('assistant', ren.id, 'fear')
    const unknown = say('assistant', aiko.id, 'fear')
    db.prepare('UPDATE messages SET emotion = ? WHERE id = ?').run('{not json', broken)
    db.prepare('UPDATE messages SET emotion = ? WHERE id = ?').run('{"label":"$.x[","confidence":1}', unknown)
    const [slice] = messages.moods(chatId, 1).buckets
    expect(slice!.moods).toEqual(
      [
        { speaker: aiko.id, valence: 0.9, emotion: 'love', readings: 1 },
        { speaker: ren.id, valence: -1, emotion: 'anger', readings: 1 },
        { speaker: 'user', valence: 1, emotion: 'joy', readings: 1 }
      ].sort((a, b) => a.speaker.localeCompare(b.speaker))
    )
  })

  it('answers a 20,000-message chat with `points` slices from a sample of it, matching the same sample read in JS', () => {
    const { db, messages, userId, characters } = open()
    const character = characters.insert(userId, starterCharacter())
    const chatId = new ChatRepository(db).create(character.id, userId, 'long').id
    messages.insertMany(chatId, takingTurns(20_000))
    // Two in three messages have a reading; the label follows the position so slices differ.
    const setEmotion = db.prepare('UPDATE messages SET emotion = ? WHERE chat_id = ? AND seq = ?')
    db.transaction(() => {
      for (let seq = 1; seq <= 20_000; seq++) {
        if (seq % 3 === 0) continue
        setEmotion.run(JSON.stringify(reading(EMOTIONS[(seq * 7) % EMOTIONS.length]!)), chatId, seq)
      }
    })()
    const moods = messages.moods(chatId, 60)
    expect(moods.bucketCount).toBe(60)
    expect(moods.buckets.map((b) => b.index)).toEqual(Array.from({ length: 60 }, (_, i) => i))
    // Only the sampled runs are read (a quarter of this chat; all of a chat up to 3,000 messages).
    const stride = sampleStride(20_000)
    expect(stride).toBeGreaterThan(8)
    const positions = messages
      .list(chatId)
      .map((_, i) => i)
      .filter((i) => isSampled(i, stride))
    const all = messages.list(chatId)
    const want = expected(
      positions.map((i) => all[i]!),
      60,
      character.id,
      20_000,
      positions
    )
    const got = moods.buckets.flatMap((b) => b.moods.map((m) => [`${b.index}/${m.speaker}`, m] as const))
    expect(got).toHaveLength(want.size)
    for (const [key, mood] of got) {
      expect(mood.readings).toBe(want.get(key)?.n)
      expect(mood.valence).toBeCloseTo(want.get(key)!.sum / mood.readings, 9)
    }
  })

  it('is empty for a chat with no messages', () => {
    const { db, messages, userId, characters } = open()
    const character = characters.insert(userId, starterCharacter())
    const chatId = new ChatRepository(db).create(character.id, userId, 'empty').id
    expect(messages.moods(chatId, 60)).toEqual({ bucketCount: 0, buckets: [] })
  })
})
