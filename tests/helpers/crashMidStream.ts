/**
 * Child process for the crash test: starts a reply on the tiny GGUF and kills itself with SIGKILL mid-stream,
 * after printing the ids the parent checks. Run as `node --import tsx tests/helpers/crashMidStream.ts DATA_DIR`.
 */
import { createTestCore } from './testCore'
import { storiesModel } from './sharedPaths'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: crashMidStream.ts DATA_DIR')
const core = await createTestCore(dataDir)
core.settings.update({ sampling: { maxTokens: 4000, temperature: 0.8 } })
await core.runtime.load({ path: storiesModel })
const character = core.characters.list(core.userId)[0]!
const chat = core.chat.create(character.id)
let tokenEvents = 0
core.events.subscribe((event) => {
  if (event !== 'chat.token' || ++tokenEvents < 4) return
  process.stdout.write(JSON.stringify({ chatId: chat.id, userMessageId }) + '\n', () =>
    process.kill(process.pid, 'SIGKILL')
  )
})
const { userMessageId } = core.chat.send(chat.id, 'Please remember this exact sentence: the blue fox sleeps.')
