import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import type { GenerationResult } from '../src/main/llm/types'
import { collectEvents } from './helpers/collectEvents'
import { tinyLlamaModel } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

const FILLER = [
  'What did you do today?',
  'I had pasta for lunch.',
  'The weather is nice.',
  'Do you like books about space?',
  'My team won the match!',
  'I need new shoes.',
  'Work was long.',
  'Have you seen the ocean?',
  'Bees are amazing.',
  'Tell me a joke.'
]

describe('persona chat with long-term memory, end to end on the tiny GGUF', () => {
  const tempDir = useTempDir()
  let core: Core
  const generations: GenerationResult[] = []
  const tasks: GenerationResult[] = []
  beforeEach(async () => {
    generations.length = 0
    tasks.length = 0
    core = await createTestCore(tempDir(), {
      onGeneration: (result) => (result.lane === 'chat' ? generations : tasks).push(result)
    })
    core.settings.update({ sampling: { temperature: 0, seed: 1, maxTokens: 6 }, isModelMemoryExtractionOn: false })
    // The Llama-2 tokenizer gives realistic prompt sizes (the stories model's tiny vocabulary triples them).
    await core.runtime.load({ path: tinyLlamaModel })
  })
  afterEach(async () => {
    await core.dispose()
  })

  async function turn(chatId: string, text: string): Promise<string> {
    const recorder = collectEvents(core.events)
    const { streamId, userMessageId } = core.chat.send(chatId, text)
    await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    recorder.stop()
    await core.background.settle()
    return userMessageId
  }

  it('recalls "I live in Tokyo" 50+ turns later and puts it in the prompt for "Where do I live?"', async () => {
    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    await turn(chatId, 'I live in Tokyo.')
    for (let i = 0; i < 52; i++) await turn(chatId, FILLER[i % FILLER.length]!)
    const owner = { characterId: character.id, userId: core.userId }
    const tokyo = core.memory.list(owner, 'current').find((m) => m.text === 'User lives in Tokyo')
    expect(tokyo).toBeDefined()
    const questionId = await turn(chatId, 'Where do I live?')
    const question = core.messages.get(questionId)
    expect(question.memoryIds).toContain(tokyo!.id)
    expect(question.injectedContext).toContain('lives in Tokyo')
    // The memory sits next to the newest message, not in the stable persona prefix.
    const messages = core.messages.list(chatId)
    expect(messages[messages.length - 2]!.id).toBe(questionId)
  }, 240_000)

  it('keeps the evaluated prefix: later turns evaluate only the new turn, not the history before it', async () => {
    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    for (let i = 0; i < 8; i++) await turn(chatId, FILLER[i]!)
    const history = core.messages.list(chatId)
    const userMessages = history.filter((m) => m.role === 'user')
    const later = generations.slice(1)
    for (const [i, result] of later.entries()) {
      const message = userMessages[i + 1]!
      // The new turn: the message, what was injected for it, and the template's markers around it.
      expect(result.promptTailTokens).toBeGreaterThanOrEqual(core.runtime.countTokens(message.content))
      expect(result.promptTailTokens).toBeLessThanOrEqual(
        core.runtime.countTokens(`${message.content}\n\n${message.injectedContext}`) + 24
      )
      // Nothing before it is read again (the previous reply's last sampled token at most).
      expect(result.promptTokensEvaluated).toBeLessThanOrEqual(result.promptTailTokens! + 1)
    }
    const wholePrompt = history.reduce((sum, m) => sum + core.runtime.countTokens(m.content + m.injectedContext), 0)
    expect(later[later.length - 1]!.promptTokensEvaluated).toBeLessThan(wholePrompt / 4)
  }, 120_000)

  // 'mistral': a template that moves the system prompt (see keepSystemPromptFirst).
  it.each(['auto', 'mistral'] as const)(
    'cuts a chat that outgrows its context without reading the kept history again (%s template)',
    async (chatTemplate) => {
      await core.runtime.load({ path: tinyLlamaModel, contextSize: 1536, chatTemplate })
      const character = core.characters.list(core.userId)[0]!
      const chatId = core.chat.create(character.id).id
      const isCut = (i: number): boolean => i > 0 && generations[i]!.promptTokens < generations[i - 1]!.promptTokens
      for (let i = 0; i < 60 && generations.filter((_, k) => isCut(k)).length < 2; i++)
        await turn(chatId, FILLER[i % FILLER.length]!)
      const cuts = generations.map((_, i) => i).filter(isCut)
      // Per turn: prompt tokens, evaluated, shifted, tail (shown if an assertion fails).
      const turns = JSON.stringify(
        generations.map((g) => [g.promptTokens, g.promptTokensEvaluated, g.promptTokensShifted, g.promptTailTokens])
      )
      expect(cuts.length, turns).toBe(2)
      for (const i of cuts) {
        const result = generations[i]!
        // The kept turns moved into place in the KV cache; only the new turn is read.
        expect(result.promptTokensShifted, `turn ${i} of ${turns}`).toBeGreaterThan(0)
        expect(result.promptTokensEvaluated, `turn ${i} of ${turns}`).toBeLessThanOrEqual(result.promptTailTokens! + 1)
        expect(result.promptTokensEvaluated, `turn ${i} of ${turns}`).toBeLessThan(result.promptTokens / 3)
      }
    },
    240_000
  )

  it("keeps one character's memories out of another character's prompts", async () => {
    const [aiko] = core.characters.list(core.userId)
    const other = core.characterService.duplicate(aiko!.id)
    const chatA = core.chat.create(aiko!.id).id
    const chatB = core.chat.create(other.id).id
    await turn(chatA, 'My favourite food is ramen.')
    const asked = core.messages.get(await turn(chatB, 'What is my favourite food? Ramen?'))
    expect(asked.injectedContext).not.toContain('favourite food is ramen')
    const ownAsk = core.messages.get(await turn(chatA, 'What is my favourite food?'))
    expect(ownAsk.injectedContext).toContain('favourite food is ramen')
  }, 120_000)

  it('with model extraction on, asks the loaded model for facts after each reply, under the facts schema', async () => {
    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    await turn(chatId, 'My sister Mia lives in Osaka.')
    expect(tasks).toHaveLength(0)
    core.settings.update({ isModelMemoryExtractionOn: true })
    await turn(chatId, 'I started a new job at a bakery.')
    // The tiny model answers {"facts": []} (MODELS.md: no real answers); the grammar makes it parse either way.
    expect(tasks).toHaveLength(1)
    const answer = JSON.parse(tasks[0]!.text) as { facts?: unknown }
    expect(Array.isArray(answer.facts)).toBe(true)
  }, 120_000)

  it('"forget that" removes what the previous message taught', async () => {
    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    await turn(chatId, 'My birthday is 3 May.')
    const owner = { characterId: character.id, userId: core.userId }
    expect(core.memory.list(owner).some((m) => m.text.includes('3 May'))).toBe(true)
    await turn(chatId, 'Forget that.')
    expect(core.memory.list(owner).some((m) => m.text.includes('3 May'))).toBe(false)
  }, 120_000)
})
