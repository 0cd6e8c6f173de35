import type { Core } from '../../src/main/core'
import { extractFacts } from '../../src/main/memory/extractFacts'

/**
 * Stores what the user said to the starter character as the app stores a turn (the turn and, unless `withFacts` is
 * false, the facts the rules extract), and returns the character's memory owner.
 */
export async function rememberUserSaid(
  core: Core,
  texts: readonly string[],
  options: { withFacts?: boolean } = {}
): Promise<{ characterId: string; userId: string }> {
  const owner = { characterId: core.characters.list(core.userId)[0]!.id, userId: core.userId }
  for (const [i, text] of texts.entries())
    await core.memory.ingest({
      ...owner,
      chatId: null,
      messageId: `m${i}`,
      speaker: 'User',
      text,
      at: new Date().toISOString(),
      facts: options.withFacts === false ? [] : extractFacts(text, 'User')
    })
  return owner
}
