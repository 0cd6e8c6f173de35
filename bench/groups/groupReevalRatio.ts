import { join } from 'node:path'
import { buildConfig } from '../../src/main/config'
import { speakerContext } from '../../src/main/chat/buildGroupPrompt'
import { createCore, type Core } from '../../src/main/core'
import type { GenerationResult } from '../../src/main/llm/types'
import { blankCharacterDraft, type PromptMode } from '../../src/shared/domain'

const LINES = [
  'Good evening, everyone! How was your day?',
  'I went to the market and bought apples.',
  'Does anyone want to go hiking on Sunday?',
  'My cat knocked over a vase this morning.',
  'What is everyone reading these days?',
  'I am thinking of learning to paint.',
  'The rain has not stopped all week.',
  'Tell me something that made you laugh.',
  'Should we cook dinner together tomorrow?',
  'I found an old photo of my grandmother.'
]

const MEMBERS = [
  { name: 'Aiko', backstory: 'Aiko runs a tea shop by the harbour and knows every sailor by name.' },
  { name: 'Bram', backstory: 'Bram repairs clocks in a narrow workshop and collects old maps.' },
  { name: 'Chiyo', backstory: 'Chiyo is a night-shift nurse who writes short poems on her breaks.' }
]

export interface GroupReevalReport {
  /** Evaluated / fresh over the turns after the first (the first reads the system prompt once). */
  ratio: number
  finalPromptTokens: number
}

/** A core on the KV model with a large context, so the 20 turns never cut history (cuts are the memory suite's). */
export async function openBenchCore(workDir: string, modelPath: string, results: GenerationResult[]): Promise<Core> {
  const core = await createCore(
    buildConfig({
      dataDir: join(workDir, 'data'),
      resourcesDir: join(process.cwd(), 'resources'),
      threads: 1,
      gpu: false,
      maxContextSize: 8192
    }),
    { onGeneration: (r) => r.lane === 'chat' && results.push(r) }
  )
  core.settings.update({ sampling: { temperature: 0.7, seed: 7, maxTokens: 40 }, isModelMemoryExtractionOn: false })
  await core.runtime.load({ path: modelPath })
  return core
}

/** Three members, each with its own profile; returns their ids. */
export function addMembers(core: Core): string[] {
  return MEMBERS.map(
    (m) =>
      core.characters.insert(core.userId, {
        ...blankCharacterDraft(),
        name: m.name,
        backstory: m.backstory,
        traits: ['kind', 'curious']
      }).id
  )
}

/**
 * KV reuse in a three-member group chat, one user message and one member's reply per turn, the members taking
 * turns (in order, so the speaker changes every turn: the case swap mode pays for). A turn's fresh tokens are what
 * its prompt adds to the previous turn's KV state (that prompt and its reply, less the previous speaker's own
 * context, which leaves the cache unread): the user's message, this speaker's own context (join mode: with its full
 * profile), the turn markers.
 * 1.0 means nothing old is read again.
 */
export async function groupReevalRatio(
  workDir: string,
  modelPath: string,
  promptMode: PromptMode,
  turnCount: number
): Promise<GroupReevalReport> {
  const results: GenerationResult[] = []
  const core = await openBenchCore(workDir, modelPath, results)
  try {
    const group = core.groups.create({
      name: 'Bench',
      characterIds: addMembers(core),
      talkMode: 'in-order',
      promptMode
    })
    const chat = core.chat.createInGroup(group.id)
    const turns: { evaluated: number; fresh: number; promptTokens: number }[] = []
    for (let i = 0; i < turnCount; i++) {
      core.chat.send(chat.id, LINES[i % LINES.length]!)
      await core.chat.settle()
      await core.background.settle()
      const result = results[results.length - 1]!
      const previous = results[results.length - 2]
      // The previous speaker's own context (join: its full profile; its recalled memories) left the prompt: this
      // prompt is the previous KV state without it, plus what is new (the user's message, this speaker's own
      // context, the turn markers). The bench's members have no pinned memories.
      const replies = core.messages.list(chat.id).filter((m) => m.role === 'assistant' && m.characterId)
      const last = replies.at(-2)
      const dropped = last
        ? speakerContext({
            promptMode,
            speaker: core.characters.get(last.characterId!),
            user: core.users.get(core.userId),
            pinned: [],
            recalled: last.injectedContext
          })
        : ''
      const before = previous ? previous.promptTokens + previous.outputTokens - tokensOf(core, dropped) : 0
      turns.push({
        evaluated: result.promptTokensEvaluated,
        fresh: Math.max(1, result.promptTokens - before),
        promptTokens: result.promptTokens
      })
    }
    const later = turns.slice(1)
    return {
      ratio: sum(later.map((t) => t.evaluated)) / Math.max(1, sum(later.map((t) => t.fresh))),
      finalPromptTokens: turns[turns.length - 1]?.promptTokens ?? 0
    }
  } finally {
    await core.dispose()
  }
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)

/** A text's tokens with the separator that joined it to the turn before ("\n"). */
const tokensOf = (core: Core, text: string): number => (text ? core.runtime.countTokens(`\n${text}`) : 0)
