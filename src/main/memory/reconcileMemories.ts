import type { Memory } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { cosineSimilarity } from '../llm/embed/Embedder'
import { nowIso } from '../util/ids'
import type { MemoryRepository } from '../db/repositories/MemoryRepository'
import type { MemoryIndex } from './MemoryIndex'
import { ownerOf, type FactCandidate, type FactSource, type Owner } from './memoryTypes'
import { placeOnSubject, planReconcile } from './planReconcile'
import { ownerKey } from './VectorIndex'

/**
 * Where a new memory takes its place among its owner's: a fact found in a message (reinforcing a near-identical one,
 * or superseding the current one on its subject) and a copy shared from another character. Both run inside
 * MemoryService's write queue, so two facts on one subject cannot both become "current".
 */
export async function storeFacts(
  repository: MemoryRepository,
  index: MemoryIndex,
  input: FactSource
): Promise<Memory[]> {
  const stored: Memory[] = []
  for (const fact of input.facts) {
    const saved = await storeFact(repository, index, input, fact)
    if (saved) stored.push(saved)
  }
  return stored
}

async function storeFact(
  repository: MemoryRepository,
  index: MemoryIndex,
  input: FactSource,
  fact: FactCandidate
): Promise<Memory | null> {
  const owner = ownerOf(input)
  const sameSubject = fact.subject ? repository.currentBySubject(owner.characterId, owner.userId, fact.subject) : []
  const [vector] = await index.embed([fact.text])
  const nearHits = await index.nearest(owner, vector!, 5)
  const near = [...repository.getMany(nearHits.map((h) => h.id)).values()].filter((m) => m.kind !== 'message')
  const nearVectors = await index.embed(near.map((m) => m.text))
  const similar = near.map((memory, i) => ({ memory, similarity: cosineSimilarity(vector!, nearVectors[i]!) }))
  const plan = planReconcile(fact, sameSubject, similar)
  if (plan.action === 'reinforce') {
    repository.reinforce(plan.id, [input.messageId], fact.importance)
    return null
  }
  const memory = repository.insert({
    ...owner,
    chatId: input.chatId,
    kind: fact.kind,
    subject: fact.subject,
    speaker: input.speaker ?? null,
    text: fact.text,
    importance: fact.importance,
    validFrom: input.at,
    sourceMessageIds: [input.messageId]
  })
  if (plan.action === 'supersede')
    for (const id of plan.retireIds) repository.retire(id, input.at ?? nowIso(), memory.id)
  await index.addRows([
    { id: memory.id, owner: ownerKey(owner.characterId, owner.userId), text: memory.text, vector: vector! }
  ])
  return memory
}

/**
 * The target's own copies of shared memories, marked with the character they came from and with no link to a chat
 * the target cannot open (turns stay with their chat); each is placed among the target's facts as a new fact would be: the newer of two on one
 * subject is current. What the target already knows word for word is not copied again. Not yet indexed.
 */
export function copyShared(repository: MemoryRepository, ids: readonly string[], target: Owner): Memory[] {
  const found = [...repository.getMany([...ids]).values()]
  if (found.length === 0) throw new AppError('NOT_FOUND', 'Those memories no longer exist.')
  const shareable = found.filter(
    (m) => m.kind !== 'message' && m.userId === target.userId && m.characterId !== target.characterId
  )
  if (shareable.length === 0)
    throw new AppError(
      'INVALID_INPUT',
      'Only memories of another character (not chat turns) can be shared with this one.'
    )
  const known = new Set(repository.list({ ...ownerOf(target), state: 'all' }).map((m) => m.text))
  const copies: Memory[] = []
  for (const memory of shareable.filter((m) => !known.has(m.text))) {
    known.add(memory.text)
    const sameSubject =
      memory.subject && !memory.validTo
        ? repository.currentBySubject(target.characterId, target.userId, memory.subject)
        : []
    const copy = repository.insert({
      ...ownerOf(target),
      chatId: null,
      kind: memory.kind,
      subject: memory.subject,
      speaker: memory.speaker,
      text: memory.text,
      importance: memory.importance,
      validFrom: memory.validFrom,
      sourceMessageIds: [],
      sharedFrom: memory.characterId
    })
    const placed = placeOnSubject(copy.validFrom, sameSubject)
    if (memory.validTo) repository.retire(copy.id, memory.validTo, null)
    else if (placed.action === 'retire-itself') repository.retire(copy.id, placed.since, placed.supersededBy)
    else for (const id of placed.retireIds) repository.retire(id, copy.validFrom, copy.id)
    copies.push(repository.get(copy.id))
  }
  return copies
}
