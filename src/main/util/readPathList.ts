import { readFile } from 'node:fs/promises'

/**
 * A JSON list of paths the user added (models, voices); a missing file is an empty list, and a damaged one is
 * reported and started anew rather than keeping the app from listing what is in its own folders.
 */
export async function readPathList(file: string, what: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '[]')
  try {
    const value = JSON.parse(text) as unknown
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : []
  } catch (error) {
    console.warn(`${what} is damaged; starting a new one`, error)
    return []
  }
}
