/** What a recall query says besides its words: whose memories it is about, and when they happened. */
export interface QueryHints {
  /** The speaker the question is about (lower case), or null when it names nobody or several alike. */
  speaker: string | null
  /** A time window the question names ("on 8 May, 2023", "in December 2023", "yesterday"), ISO bounds. */
  window: { from: string; to: string } | null
}

export interface Speakers {
  /** Everyone whose lines are remembered (the user's persona name, the character's name). */
  names: readonly string[]
  /** Who "I / my / me" is in the query (the person asking). */
  asker?: string
  /** Who "you / your" is in the query (the one being asked). */
  listener?: string
}

const DAY_MS = 86_400_000
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?'
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH},?\\s*(\\d{4})\\b`, 'i')
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s*(\\d{4})\\b`, 'i')
const MONTH_YEAR = new RegExp(`\\b${MONTH},?\\s+(\\d{4})\\b`, 'i')
const RELATIVE: readonly [RegExp, number, number][] = [
  [/\byesterday\b/i, 1, 1],
  [/\btoday\b/i, 0, 1],
  [/\blast week\b/i, 14, 8],
  [/\blast month\b/i, 62, 31]
]

/** Reads the speaker and time hints of a query; both are soft (they raise matching memories, never filter). */
export function readQueryHints(query: string, speakers: Speakers, now: Date): QueryHints {
  return { speaker: speakerOf(query, speakers), window: windowOf(query, now) }
}

function speakerOf(query: string, speakers: Speakers): string | null {
  const lower = query.toLowerCase()
  // The first name in the question is usually its subject: "What did Jon say about Gina's store?" asks about Jon.
  let first: { name: string; at: number } | null = null
  for (const name of speakers.names) {
    const at = lower.search(new RegExp(`\\b${escapeRegExp(name.toLowerCase())}\\b`))
    if (at >= 0 && (!first || at < first.at)) first = { name: name.toLowerCase(), at }
  }
  if (first) return first.name
  if (speakers.asker && /\b(i|my|me|mine|i'm|i've)\b/i.test(query)) return speakers.asker.toLowerCase()
  if (speakers.listener && /\b(you|your|yours|you're|you've)\b/i.test(query)) return speakers.listener.toLowerCase()
  return null
}

function windowOf(query: string, now: Date): QueryHints['window'] {
  const dayMonthYear = query.match(DAY_MONTH_YEAR)
  if (dayMonthYear) return dayWindow(Number(dayMonthYear[3]), monthIndex(dayMonthYear[2]!), Number(dayMonthYear[1]))
  const monthDayYear = query.match(MONTH_DAY_YEAR)
  if (monthDayYear) return dayWindow(Number(monthDayYear[3]), monthIndex(monthDayYear[1]!), Number(monthDayYear[2]))
  const monthYear = query.match(MONTH_YEAR)
  if (monthYear) {
    const year = Number(monthYear[2])
    const month = monthIndex(monthYear[1]!)
    return {
      from: new Date(Date.UTC(year, month, 1)).toISOString(),
      to: new Date(Date.UTC(year, month + 1, 1)).toISOString()
    }
  }
  for (const [pattern, daysBack, length] of RELATIVE) {
    if (!pattern.test(query)) continue
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
    const from = today - daysBack * DAY_MS
    return { from: new Date(from).toISOString(), to: new Date(from + length * DAY_MS).toISOString() }
  }
  return null
}

/** A named day, widened by a day each side: people say "on Monday" about what they told on Tuesday night. */
function dayWindow(year: number, month: number, day: number): QueryHints['window'] {
  const at = Date.UTC(year, month, day)
  return { from: new Date(at - DAY_MS).toISOString(), to: new Date(at + 2 * DAY_MS).toISOString() }
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.toLowerCase().slice(0, 3))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
