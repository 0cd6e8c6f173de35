/**
 * Child process for the cut-history test: a reply in a chat too long for the prompt (its oldest turns are cut), then
 * SIGKILL the moment the reply ends, before the summary of the cut can be made. Prints the chat's and character's
 * ids first. Run as `node --import tsx tests/helpers/crashAfterCut.ts DATA_DIR`.
 */
import { writeSync } from 'node:fs'
import { createTestCore } from './testCore'
import { tinyLlamaModel } from './sharedPaths'
import { riverTalk, takingTurns } from './takingTurns'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: crashAfterCut.ts DATA_DIR')
const core = await createTestCore(dataDir)
core.settings.update({ sampling: { maxTokens: 4, temperature: 0 }, isModelMemoryExtractionOn: false })
await core.runtime.load({ path: tinyLlamaModel })
const character = core.characters.list(core.userId)[0]!
const chat = core.chat.create(character.id)
core.messages.insertMany(chat.id, takingTurns(600, riverTalk))
core.events.subscribe((event) => {
  if (event !== 'chat.done') return
  // Synchronously, inside the event: the summary work waits for the chat to be idle, which comes after this.
  writeSync(1, JSON.stringify({ chatId: chat.id, characterId: character.id }) + '\n')
  process.kill(process.pid, 'SIGKILL')
})
core.chat.send(chat.id, 'What did we talk about?')
