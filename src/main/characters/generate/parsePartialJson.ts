/**
 * Best-effort parse of a JSON object that is still being generated, so the form can fill in while the model
 * writes. Closes an open string, drops a dangling key or comma, and closes open arrays/objects.
 */
export function parsePartialJson(text: string): Record<string, unknown> | null {
  const stack: string[] = []
  let isInString = false
  let isEscaped = false
  for (const char of text) {
    if (isInString) {
      if (isEscaped) isEscaped = false
      else if (char === '\\') isEscaped = true
      else if (char === '"') isInString = false
      continue
    }
    if (char === '"') isInString = true
    else if (char === '{' || char === '[') stack.push(char === '{' ? '}' : ']')
    else if (char === '}' || char === ']') stack.pop()
  }
  let repaired = text
  if (isEscaped) repaired = repaired.slice(0, -1)
  if (isInString) repaired += '"'
  const candidates = [
    repaired,
    repaired.replace(/,\s*"[^"]*"\s*:?\s*"?$/, ''),
    repaired.replace(/,?\s*"[^"]*"\s*:\s*$/, '')
  ]
  for (const candidate of candidates) {
    const closed = candidate.replace(/[,:]\s*$/, '') + [...stack].reverse().join('')
    try {
      const value = JSON.parse(closed) as unknown
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
    } catch (error) {
      void error
    }
  }
  return null
}
