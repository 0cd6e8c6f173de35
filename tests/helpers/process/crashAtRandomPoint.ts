/**
 * Child process for the seeded crash test: imports a SillyTavern chat (its history then feeds memory in the
 * background), sends messages and waits for the replies, and switches the embedding model to a GGUF and back, then
 * kills itself with SIGKILL at the `killAt`-th event the core emits (tokens, memory and re-embedding progress), or at
 * the end if there are fewer. Every user action the app accepted is printed (one JSON line) before the next begins,
 * so the parent knows what must survive. Run as `node --import tsx crashAtRandomPoint.ts DATA_DIR KILL_AT`.
 */
import { createTestCore } from '../testCore'
import { storiesModel } from '../sharedPaths'

const IMPORTED_TURNS = 8

/** A SillyTavern chat: a header line, then alternating turns, each user turn stating something to remember. */
function stChatFile(characterName: string): string {
  const lines = [JSON.stringify({ user_name: 'User', character_name: characterName, create_date: 1_700_000_000_000 })]
  for (let i = 0; i < IMPORTED_TURNS; i++) {
    const at = new Date(Date.UTC(2025, 0, 1 + i)).toISOString()
    lines.push(
      JSON.stringify({ name: 'User', is_user: true, send_date: at, mes: `Imported fact ${i}: I own ${i} kites.` })
    )
    lines.push(JSON.stringify({ name: characterName, is_user: false, send_date: at, mes: `Noted, ${i} kites.` }))
  }
  return lines.join('\n')
}

const [dataDir, killAtArg] = process.argv.slice(2)
if (!dataDir || !killAtArg) throw new Error('usage: crashAtRandomPoint.ts DATA_DIR KILL_AT')
const killAt = Number(killAtArg)
const report = (line: object): Promise<void> =>
  new Promise((resolve) => process.stdout.write(JSON.stringify(line) + '\n', () => resolve()))
const die = (): void => void report({ died: events }).then(() => process.kill(process.pid, 'SIGKILL'))

const core = await createTestCore(dataDir)
let events = 0
core.events.subscribe(() => {
  if (++events === killAt) die()
})
core.settings.update({ sampling: { maxTokens: 24, temperature: 0.8 } })
await core.runtime.load({ path: storiesModel })
const character = core.characters.list(core.userId)[0]!
const imported = core.chatInterop.importSt(
  character.id,
  'imported.jsonl',
  new TextEncoder().encode(stChatFile(character.name))
)
await report({ importedChatId: imported.id })
const chat = core.chat.create(character.id)
for (let i = 0; i < 3; i++) {
  const text = `Sent fact ${i}: my locker number is ${100 + i}.`
  const { userMessageId } = core.chat.send(chat.id, text)
  await report({ sent: { chatId: chat.id, messageId: userMessageId, text } })
  await core.chat.settle()
}
await core.switchEmbeddingModel(storiesModel)
await core.switchEmbeddingModel(null)
await core.background.settle()
die()
