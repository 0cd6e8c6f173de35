export type ForgetCommand = { target: 'last' } | { target: 'topic'; topic: string }

/** "Forget that", "please forget what I said", "forget about my job": the user taking something back. */
export function detectForgetCommand(text: string): ForgetCommand | null {
  const match = text
    .trim()
    .match(
      /^(?:please\s+|can you\s+|could you\s+)?forget\s+(that|this|it|what i (?:just )?said|about\s+(.{2,120}?)|(?:the (?:thing|part) about)\s+(.{2,120}?))[\s.!?]*$/i
    )
  if (!match) return null
  const topic = (match[2] ?? match[3])?.trim()
  return topic ? { target: 'topic', topic } : { target: 'last' }
}
