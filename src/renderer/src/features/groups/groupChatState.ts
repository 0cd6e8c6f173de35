import type { EmotionReading, Group, Message } from '../../../../shared/domain'

/**
 * Each speaker's latest mood among the messages: a group member's replies carry its id; in a one-to-one chat
 * (`soleId`) every reply is that character's.
 */
export function latestMoods(messages: readonly Message[], soleId: string | null): Map<string, EmotionReading> {
  const moods = new Map<string, EmotionReading>()
  for (const m of messages) {
    const speaker = soleId ?? m.characterId
    if (m.role === 'assistant' && m.emotion && speaker) moods.set(speaker, m.emotion)
  }
  return moods
}

/** The members muted at `now`. */
export function mutedNow(group: Pick<Group, 'mutedUntil'>, now: Date): Set<string> {
  return new Set(
    Object.entries(group.mutedUntil)
      .filter(([, until]) => Date.parse(until) > now.getTime())
      .map(([id]) => id)
  )
}
