import type { ChatMoods, MoodBucket } from '../../../shared/contract'
import { EMOTION_VALENCE, type Emotion } from '../../../shared/domain'
import type { Db } from '../openDatabase'

interface MoodRow {
  bucket: number
  speaker: string
  emotion: Emotion
  readings: number
  valence: number
}

const VALENCES = JSON.stringify(EMOTION_VALENCE)

/**
 * At most about this many messages are read: a longer chat is sampled, a run of WINDOW neighbours every `stride`
 * messages (a run, so every speaker of a group's round is in it). better-sqlite3 runs on the main process's thread,
 * and reading every row of a 100,000-message chat took ~200 ms on a quiet machine, stalling replies meanwhile.
 */
const MAX_READ = 3000
const WINDOW = 8

/** Every `stride`-th run of WINDOW messages is read; a chat of up to MAX_READ messages is read whole. */
export function sampleStride(width: number): number {
  return WINDOW * Math.max(1, Math.ceil(width / MAX_READ))
}

/** Whether the message at this distance from the chat's first seq is in the sample. */
export function isSampled(offset: number, stride: number): boolean {
  return offset % stride < WINDOW
}

/**
 * A chat's mood in at most `points` equal slices, computed by SQLite so a 100,000-message chat never crosses into JS:
 * only one row per slice and speaker comes back. Slices are cut by seq (the chat's order), the UNIQUE (chat_id, seq)
 * index gives the span and the walk; gaps left by deleted messages only make a slice hold fewer messages.
 */
export function readChatMoods(db: Db, chatId: string, points: number): ChatMoods {
  // The chat's character is read once here rather than joined per message (a measurable share of a 100k scan).
  const span = db
    .prepare(
      `SELECT MIN(seq) AS lo, MAX(seq) - MIN(seq) + 1 AS width, (SELECT character_id FROM chats WHERE id = :chatId) AS owner
       FROM messages WHERE chat_id = :chatId`
    )
    .get({ chatId }) as { lo: number | null; width: number | null; owner: string | null }
  if (span.lo === null || span.width === null) return { bucketCount: 0, buckets: [] }
  const bucketCount = Math.min(points, span.width)
  // Grouping by label first keeps the valence join and the ranking to a few rows per slice; the label table is
  // joined (not indexed with a JSON path) so a stored label we do not know is skipped instead of failing the query.
  const rows = db
    .prepare(
      `WITH readings AS (
         SELECT (m.seq - CAST(:lo AS INTEGER)) * CAST(:count AS INTEGER) / CAST(:width AS INTEGER) AS bucket,
                CASE WHEN m.role = 'user' THEN 'user' ELSE COALESCE(m.character_id, :owner) END AS speaker,
                json_extract(m.emotion, '$.label') AS label
         FROM messages m
         WHERE m.chat_id = :chatId AND (m.seq - CAST(:lo AS INTEGER)) % CAST(:stride AS INTEGER) < :window
           AND m.emotion IS NOT NULL AND m.role != 'system' AND json_valid(m.emotion)
       ),
       labels AS (
         SELECT r.bucket, r.speaker, r.label, COUNT(*) AS n, v.value AS valence
         FROM readings r JOIN json_each(:valences) v ON v.key = r.label
         WHERE r.speaker IS NOT NULL
         GROUP BY r.bucket, r.speaker, r.label
       ),
       ranked AS (
         SELECT bucket, speaker, label,
                ROW_NUMBER() OVER (PARTITION BY bucket, speaker ORDER BY n DESC, label) AS rank,
                SUM(n) OVER (PARTITION BY bucket, speaker) AS readings,
                SUM(n * valence) OVER (PARTITION BY bucket, speaker) AS total
         FROM labels
       )
       SELECT bucket, speaker, label AS emotion, readings, total / readings AS valence
       FROM ranked WHERE rank = 1
       ORDER BY bucket, speaker`
    )
    .all({
      lo: span.lo,
      count: bucketCount,
      width: span.width,
      stride: sampleStride(span.width),
      window: WINDOW,
      owner: span.owner,
      chatId,
      valences: VALENCES
    }) as MoodRow[]
  const buckets: MoodBucket[] = []
  for (const row of rows) {
    const mood = { speaker: row.speaker, valence: row.valence, emotion: row.emotion, readings: row.readings }
    const last = buckets.at(-1)
    if (last?.index === row.bucket) last.moods.push(mood)
    else buckets.push({ index: row.bucket, moods: [mood] })
  }
  return { bucketCount, buckets }
}
