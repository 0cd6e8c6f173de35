import { readFile } from 'node:fs/promises'

export interface LocomoTurn {
  diaId: string
  speaker: string
  text: string
  at: string
}

export interface LocomoQuestion {
  question: string
  category: number
  evidence: string[]
}

export interface LocomoConversation {
  sampleId: string
  speakers: [string, string]
  turns: LocomoTurn[]
  questions: LocomoQuestion[]
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december'
]

/** "1:56 pm on 8 May, 2023" -> ISO; unparseable dates fall back to a fixed day per session so order is kept. */
export function parseSessionDate(text: string | undefined, session: number): Date {
  const match = text?.match(/(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})/i)
  if (!match) return new Date(Date.UTC(2023, 0, session))
  const [, hh, mm, ampm, day, month, year] = match
  const monthIndex = MONTHS.findIndex((m) => m.startsWith(month!.toLowerCase().slice(0, 3)))
  const hour = (Number(hh) % 12) + (ampm!.toLowerCase() === 'pm' ? 12 : 0)
  return new Date(Date.UTC(Number(year), Math.max(0, monthIndex), Number(day), hour, Number(mm)))
}

/** Normalises evidence ids; the data has defects such as "D8:6; D9:17", "D" and "D:11:26" (see DATA.md). */
export function parseEvidence(raw: readonly string[], known: ReadonlySet<string>): string[] {
  const ids = raw
    .flatMap((entry) => entry.split(/[;,\s]+/))
    .map((id) => id.replace(/^D:?/, 'D').replace(/^D(\d+):(\d+).*$/, 'D$1:$2'))
  return [...new Set(ids.filter((id) => known.has(id)))]
}

export async function loadLocomo(path: string): Promise<LocomoConversation[]> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as {
    sample_id: string
    conversation: Record<string, unknown>
    qa: { question: string; category: number; evidence?: string[] }[]
  }[]
  return raw.map((sample) => {
    const conversation = sample.conversation
    const sessions = Object.keys(conversation)
      .map((key) => key.match(/^session_(\d+)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b)
    const turns: LocomoTurn[] = []
    for (const session of sessions) {
      const start = parseSessionDate(conversation[`session_${session}_date_time`] as string | undefined, session)
      const list = (conversation[`session_${session}`] ?? []) as {
        speaker: string
        dia_id: string
        text: string
        blip_caption?: string
      }[]
      list.forEach((turn, index) => {
        const caption = turn.blip_caption ? ` [shares a photo: ${turn.blip_caption}]` : ''
        turns.push({
          diaId: turn.dia_id,
          speaker: turn.speaker,
          text: `${turn.text}${caption}`,
          at: new Date(start.getTime() + index * 30_000).toISOString()
        })
      })
    }
    const known = new Set(turns.map((t) => t.diaId))
    const questions = sample.qa
      .filter((qa) => qa.category >= 1 && qa.category <= 4)
      .map((qa) => ({
        question: qa.question,
        category: qa.category,
        evidence: parseEvidence(qa.evidence ?? [], known)
      }))
      .filter((qa) => qa.evidence.length > 0)
    return {
      sampleId: sample.sample_id,
      speakers: [conversation.speaker_a as string, conversation.speaker_b as string],
      turns,
      questions
    }
  })
}
