import type { JsonGenerationRequest } from '../llm/types'
import type { FactCandidate } from './memoryTypes'

export type GenerateJson = (request: JsonGenerationRequest) => Promise<unknown>

const KINDS = ['fact', 'preference', 'event', 'relationship'] as const

/** Bounded on purpose: a small model must finish the JSON inside maxTokens or the facts are lost. */
const FACTS_SCHEMA = {
  type: 'object',
  properties: {
    facts: {
      type: 'array',
      maxItems: 4,
      items: {
        type: 'object',
        properties: {
          kind: { enum: KINDS },
          subject: { type: 'string', maxLength: 30 },
          text: { type: 'string', minLength: 4, maxLength: 140 },
          importance: { enum: [1, 2, 3, 4, 5] }
        },
        required: ['kind', 'subject', 'text', 'importance']
      }
    }
  },
  required: ['facts']
}

const SYSTEM =
  'You extract long-term memories from a chat message. List only durable facts the user states about themselves, ' +
  'their life, preferences, plans, events (with dates) and relationships, each as a short third-person sentence about the user. ' +
  'subject is a short lowercase topic such as "location", "job", "birthday", "favourite food"; use "" when the fact is not one of a kind. ' +
  'Return {"facts": []} when there is nothing worth remembering.'

/** Grammar-constrained extraction with the loaded model; the output always parses, so no fact is lost to bad JSON. */
export async function extractFactsWithModel(
  generateJson: GenerateJson,
  message: string,
  userName: string,
  today: string,
  signal?: AbortSignal
): Promise<FactCandidate[]> {
  const value = (await generateJson({
    system: SYSTEM,
    prompt: `Today is ${today}. The user is called ${userName}.\nMessage from ${userName}: """${message.slice(0, 2000)}"""`,
    schema: FACTS_SCHEMA,
    maxTokens: 400,
    temperature: 0.2,
    signal,
    isBackground: true
  })) as { facts?: { kind: FactCandidate['kind']; subject: string; text: string; importance: number }[] }
  return (value.facts ?? [])
    .map((fact) => ({
      kind: fact.kind,
      subject: fact.subject.trim().toLowerCase() || null,
      text: fact.text.trim(),
      importance: Math.min(1, Math.max(0, fact.importance / 5))
    }))
    .filter((fact) => fact.text.length >= 4)
}
