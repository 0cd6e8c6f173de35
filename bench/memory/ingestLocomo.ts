import { extractFacts } from '../../src/main/memory/extractFacts'
import { extractFactsWithModel, type GenerateJson } from '../../src/main/memory/extractFactsWithModel'
import type { FactCandidate } from '../../src/main/memory/memoryTypes'
import type { LocomoConversation } from '../locomo/loadLocomo'
import type { BenchMemory } from './openBenchMemory'

/**
 * Every turn ingested as the app ingests a message (turn memory + rule facts), at the conversation's own dates. With
 * `generateJson` (a loaded chat model, `--memory-model`), each turn's facts are also extracted by the model, as the
 * app does after each reply, and stored under the speaker's name.
 */
export async function ingestLocomo(
  bench: BenchMemory,
  conversation: LocomoConversation,
  generateJson?: GenerateJson
): Promise<void> {
  const owner = { characterId: bench.characterId, userId: bench.userId, chatId: null }
  // Both people's facts share one store here: the subject names whose it is, so one's move cannot retire the other's.
  const bySpeaker = (facts: readonly FactCandidate[], speaker: string): FactCandidate[] =>
    facts.map((f) => ({ ...f, subject: f.subject ? `${speaker}: ${f.subject}` : null }))
  for (const [index, turn] of conversation.turns.entries()) {
    const before = conversation.turns[index - 1]
    const previous = before ? { messageId: before.diaId, speaker: before.speaker, text: before.text } : undefined
    const facts = bySpeaker(extractFacts(turn.text, turn.speaker), turn.speaker)
    await bench.memory.ingest({
      ...owner,
      messageId: turn.diaId,
      speaker: turn.speaker,
      text: turn.text,
      at: turn.at,
      facts,
      previous
    })
    if (!generateJson) continue
    const modelFacts = await extractFactsWithModel(generateJson, turn.text, turn.speaker, turn.at.slice(0, 10))
    await bench.memory.addFacts({
      ...owner,
      messageId: turn.diaId,
      speaker: turn.speaker,
      at: turn.at,
      facts: bySpeaker(modelFacts, turn.speaker)
    })
  }
  await bench.memory.optimize()
}
