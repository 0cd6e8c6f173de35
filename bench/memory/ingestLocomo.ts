import { extractFacts } from '../../src/main/memory/extractFacts'
import type { LocomoConversation } from '../locomo/loadLocomo'
import type { BenchMemory } from './openBenchMemory'

/** Every turn ingested as the app ingests a message (turn memory + rule facts), at the conversation's own dates. */
export async function ingestLocomo(bench: BenchMemory, conversation: LocomoConversation): Promise<void> {
  for (const [index, turn] of conversation.turns.entries()) {
    const before = conversation.turns[index - 1]
    const previous = before ? { messageId: before.diaId, speaker: before.speaker, text: before.text } : undefined
    const facts = extractFacts(turn.text, turn.speaker).map((f) => ({ ...f, subject: f.subject ? `${turn.speaker}: ${f.subject}` : null }))
    await bench.memory.ingest({ characterId: bench.characterId, userId: bench.userId, chatId: null, messageId: turn.diaId, speaker: turn.speaker, text: turn.text, at: turn.at, facts, previous })
  }
  await bench.memory.optimize()
}
