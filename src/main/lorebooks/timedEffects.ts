import type { LoreEntry } from '../../shared/domain'
import type { TimedEffect } from '../db/repositories/LoreTimedEffectRepository'

export type { TimedEffect }

/** Which entries the timed effects hold for this scan, by entry id. */
export interface TimedState {
  sticky: ReadonlySet<string>
  cooldown: ReadonlySet<string>
  delayed: ReadonlySet<string>
}

export const NO_TIMED_EFFECTS: TimedState = { sticky: new Set(), cooldown: new Set(), delayed: new Set() }

const isOn = (value: number | null): value is number => value !== null && value > 0

/**
 * SillyTavern's WorldInfoTimedEffects.checkTimedEffects for a chat of `chatLength` messages: effects whose chat
 * did not advance since they were set are dropped (a new version of the same reply rolls again), unless protected;
 * effects of entries that are gone wait out their end; effects of entries no longer configured for them go; ended
 * sticky effects put their entry on cooldown at once when it has one. `delay` holds an entry until the chat has
 * that many messages. Returns the state for the scan and the effects to keep.
 */
export function checkTimedEffects(
  stored: readonly TimedEffect[],
  entries: readonly LoreEntry[],
  chatLength: number
): { state: TimedState; effects: TimedEffect[] } {
  const byId = new Map(entries.map((e) => [e.id, e]))
  const sticky = new Set<string>()
  const cooldown = new Set<string>()
  const kept: TimedEffect[] = []
  const cooldowns = new Map(stored.filter((e) => e.kind === 'cooldown').map((e) => [e.entryId, e]))
  const check = (effect: TimedEffect, active: Set<string>, onEnded?: (entry: LoreEntry) => void): void => {
    if (chatLength <= effect.start && !effect.isProtected) return
    const entry = byId.get(effect.entryId)
    if (!entry) {
      if (chatLength < effect.end) kept.push(effect)
      return
    }
    if (!isOn(entry[effect.kind])) return
    if (chatLength >= effect.end) return onEnded?.(entry)
    kept.push(effect)
    active.add(entry.id)
  }
  for (const effect of stored.filter((e) => e.kind === 'sticky'))
    check(effect, sticky, (entry) => {
      if (!isOn(entry.cooldown)) return
      cooldowns.set(entry.id, {
        entryId: entry.id,
        kind: 'cooldown',
        start: chatLength,
        end: chatLength + entry.cooldown,
        isProtected: true
      })
    })
  for (const effect of cooldowns.values()) check(effect, cooldown)
  const delayed = new Set(entries.filter((e) => isOn(e.delay) && chatLength < e.delay).map((e) => e.id))
  return { state: { sticky, cooldown, delayed }, effects: kept }
}

/** SillyTavern's setTimedEffects: fired entries start their sticky and cooldown effects unless already running. */
export function setTimedEffects(
  effects: readonly TimedEffect[],
  fired: readonly LoreEntry[],
  chatLength: number
): TimedEffect[] {
  const result = [...effects]
  for (const entry of fired)
    for (const kind of ['sticky', 'cooldown'] as const) {
      const length = entry[kind]
      if (!isOn(length) || result.some((e) => e.entryId === entry.id && e.kind === kind)) continue
      result.push({ entryId: entry.id, kind, start: chatLength, end: chatLength + length, isProtected: false })
    }
  return result
}
