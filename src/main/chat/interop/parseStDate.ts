const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

const pad = (value: string | number, width = 2): string => String(value).padStart(width, '0')

/**
 * A SillyTavern `send_date` / `create_date` as an ISO string, or null when it is none of the forms ST has written:
 * Unix milliseconds (TavernAI era, as a number or digits), ISO 8601, "2023-4-21 @20h 02m 47s 124ms",
 * "2024-5-24@16h24m11s" (optionally with ms) and "May 24, 2024 4:25pm". The humanised forms carry no time zone;
 * they are read as UTC, as SillyTavern's own parser does for the "@" forms, so an import gives the same dates on
 * every machine.
 */
export function parseStDate(value: unknown): string | null {
  if (typeof value === 'number') return fromMillis(value)
  if (typeof value !== 'string' || !value.trim()) return null
  const text = value.trim()
  if (/^\d+$/.test(text)) return fromMillis(Number(text))
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const time = Date.parse(text)
    return Number.isFinite(time) ? new Date(time).toISOString() : null
  }
  const humanised = /(\d{4})-(\d{1,2})-(\d{1,2}) ?@(\d{1,2})h ?(\d{1,2})m ?(\d{1,2})s(?: ?(\d{1,3})ms)?/.exec(text)
  if (humanised) {
    const [, year, month, day, hour, minute, second, ms] = humanised
    return checked(
      `${pad(year!, 4)}-${pad(month!)}-${pad(day!)}T${pad(hour!)}:${pad(minute!)}:${pad(second!)}.${pad(ms ?? '0', 3)}Z`
    )
  }
  const meridiem = /([A-Za-z]+)\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}) ?(am|pm)/i.exec(text)
  if (meridiem) {
    const [, monthName, day, year, hour, minute, half] = meridiem
    const month = MONTHS.indexOf(monthName!.slice(0, 3).toLowerCase())
    if (month < 0) return null
    const hour24 = (Number(hour) % 12) + (half!.toLowerCase() === 'pm' ? 12 : 0)
    return checked(`${year}-${pad(month + 1)}-${pad(day!)}T${pad(hour24)}:${minute}:00.000Z`)
  }
  return null
}

function fromMillis(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < 0) return null
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function checked(iso: string): string | null {
  const time = Date.parse(iso)
  return Number.isFinite(time) && new Date(time).toISOString() === iso ? iso : null
}

/** SillyTavern's chat-file date form ("2024-5-24@16h24m11s123ms"), for the header's `create_date` on export. */
export function humanizedStDate(iso: string): string {
  const d = new Date(iso)
  return `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}@${pad(d.getUTCHours())}h${pad(d.getUTCMinutes())}m${pad(d.getUTCSeconds())}s${pad(d.getUTCMilliseconds(), 3)}ms`
}
