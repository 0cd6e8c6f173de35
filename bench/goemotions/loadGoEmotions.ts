import { readFile } from 'node:fs/promises'

export interface GoEmotionsRow {
  text: string
  /** Label ids (0..27, 27 = neutral). */
  labels: number[]
}

/** The GoEmotions TSV (no header; text, comma-separated label ids, id). Quoted texts use doubled quotes. */
export async function loadGoEmotions(path: string): Promise<GoEmotionsRow[]> {
  const rows: GoEmotionsRow[] = []
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (!line.trim()) continue
    const [rawText, rawLabels] = line.split('\t')
    if (rawText === undefined || rawLabels === undefined) continue
    const text =
      rawText.startsWith('"') && rawText.endsWith('"') && rawText.length >= 2
        ? rawText.slice(1, -1).replace(/""/g, '"')
        : rawText
    rows.push({
      text,
      labels: rawLabels
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n >= 0 && n < 28)
    })
  }
  return rows
}
