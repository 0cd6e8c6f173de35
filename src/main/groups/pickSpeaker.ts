import type { TalkMode } from '../../shared/domain/groups'

export interface SpeakerCandidate {
  id: string
  name: string
  /** 0..1: how likely the member is to speak up unprompted (SillyTavern's card extension `talkativeness`). */
  talkativeness: number
  /** ISO time the member's mute ends; muted members never speak. */
  mutedUntil?: string | null
}

export interface PickSpeakerInput {
  mode: TalkMode
  /** The group's members, in order. */
  members: readonly SpeakerCandidate[]
  /** The message being answered (the user's, or the reply before in auto mode). */
  lastText: string
  /** Who wrote that message: a member id, or null for the user. */
  lastSpeakerId: string | null
  /** Who of the members spoke last in the chat (in-order goes on after them); null when none has yet. */
  previousMemberId: string | null
  /** Makes the draw reproducible (e.g. the chat id and the turn number). */
  seed: string
  /** ISO now, for the mutes. */
  now: string
}

/**
 * Who answers next, or null when nobody may (manual mode waits for chat.speak; every member muted). Pure: the same
 * input gives the same speaker, so a test (or a retry) sees the same turn order.
 */
export function pickSpeaker(input: PickSpeakerInput): string | null {
  const active = input.members.filter((m) => !isMuted(m, input.now))
  if (active.length === 0) return null
  switch (input.mode) {
    case 'manual':
      return null
    case 'in-order':
      return nextInOrder(input.members, active, input.previousMemberId)
    case 'natural':
      return pickNatural(active, input)
    default:
      return input.mode satisfies never
  }
}

export function isMuted(member: { mutedUntil?: string | null }, now: string): boolean {
  return !!member.mutedUntil && member.mutedUntil > now
}

/** The talkativeness a card's extension holds (a number or a numeric string, as SillyTavern writes it), clamped. */
export function talkativenessOf(extensions: Record<string, unknown>, fallback: number): number {
  const raw = extensions.talkativeness
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() ? Number(raw) : NaN
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback
}

function nextInOrder(
  all: readonly SpeakerCandidate[],
  active: readonly SpeakerCandidate[],
  previousId: string | null
): string {
  const from = previousId === null ? -1 : all.findIndex((m) => m.id === previousId)
  for (let step = 1; step <= all.length; step++) {
    const member = all[(from + step) % all.length]!
    if (active.includes(member)) return member.id
  }
  return active[0]!.id
}

function pickNatural(active: readonly SpeakerCandidate[], input: PickSpeakerInput): string {
  // Nobody answers themselves while someone else can.
  const others = active.length > 1 ? active.filter((m) => m.id !== input.lastSpeakerId) : active
  const addressed = firstAddressed(others, input.lastText)
  if (addressed) return addressed.id
  const random = seededRandom(input.seed)
  // As SillyTavern: in a shuffled order, each member speaks up with its talkativeness as the chance.
  const shuffled = [...others]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
  }
  const eager = shuffled.find((m) => random() < m.talkativeness)
  if (eager) return eager.id
  // Nobody did: one of them still must, the more talkative the likelier.
  const total = others.reduce((sum, m) => sum + m.talkativeness, 0)
  if (total <= 0) return shuffled[0]!.id
  let draw = random() * total
  for (const member of others) {
    draw -= member.talkativeness
    if (draw < 0) return member.id
  }
  return others[others.length - 1]!.id
}

/** The member whose name (whole, or its first word) comes first in the text, as a word of its own. */
function firstAddressed(members: readonly SpeakerCandidate[], text: string): SpeakerCandidate | null {
  let best: { member: SpeakerCandidate; at: number } | null = null
  for (const member of members) {
    for (const name of namesOf(member.name)) {
      const match = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'iu').exec(text)
      if (match && (!best || match.index < best.at)) best = { member, at: match.index }
    }
  }
  return best?.member ?? null
}

function namesOf(name: string): string[] {
  const full = name.trim()
  const first = full.split(/\s+/)[0] ?? ''
  return [full, ...(first.length >= 2 && first !== full ? [first] : [])].filter(Boolean)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** mulberry32 seeded by an FNV-1a hash of the seed text: small, fast and the same on every machine. */
function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
