import type { Message } from '../../shared/domain'
import type { LlmRuntime } from '../llm/LlmRuntime'
import { givesWay } from './MemoryJobs'

const MAX_SUMMARY_CHARS = 700

/** A session summary of turns that left the context window: by the model when one is loaded, else extractive. */
export async function summarizeMessages(
  messages: readonly Message[],
  names: { char: string; user: string },
  runtime: LlmRuntime
): Promise<string> {
  const transcript = messages
    // A group reply is labelled with its speaker.
    .map((m) => `${m.role === 'user' ? names.user : (m.speakerName ?? names.char)}: ${m.content}`)
    .join('\n')
    .slice(-6000)
  if (runtime.isLoaded) {
    try {
      const value = (await runtime.generateJson({
        system: `Summarise this part of a conversation between ${names.user} and ${names.char} in a few sentences: what happened, what ${names.user} shared, plans and feelings. Third person.`,
        prompt: transcript,
        schema: {
          type: 'object',
          properties: { summary: { type: 'string', minLength: 10, maxLength: MAX_SUMMARY_CHARS } },
          required: ['summary']
        },
        maxTokens: 300,
        temperature: 0.3,
        isBackground: true
      })) as { summary: string }
      if (value.summary.trim()) return value.summary.trim()
    } catch (error) {
      // Gave way to a reply: the job stays queued and asks the model again later.
      if (givesWay(error)) throw error
      console.warn('[memory] model summary failed; using an extractive one', error)
    }
  }
  return extractiveSummary(messages, names)
}

/** First sentence of each of the user's turns: what they said, in order, within the size limit. */
export function extractiveSummary(messages: readonly Message[], names: { char: string; user: string }): string {
  const first = messages[0]?.createdAt.slice(0, 10) ?? ''
  const last = messages[messages.length - 1]?.createdAt.slice(0, 10) ?? ''
  const said = messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content.split(/(?<=[.!?])\s/)[0]?.trim() ?? '')
    .filter(Boolean)
  let text = `Earlier conversation (${first === last ? first : `${first} to ${last}`}): ${names.user} said: `
  for (const sentence of said) {
    if (text.length + sentence.length + 2 > MAX_SUMMARY_CHARS) break
    text += `${sentence} `
  }
  return text.trim()
}
