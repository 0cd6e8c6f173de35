import type { ChatWrapper } from 'node-llama-cpp'
import type { PromptTurn } from './types'

const probed = new WeakMap<ChatWrapper, boolean>()

/**
 * Does the template put the system prompt into the newest user turn? Mistral's templates do ("[INST]system\n\nnewest
 * message[/INST]"): the system prompt then moves every turn, and the character profile, the previous user turn and
 * the previous reply are read again each time (measured on the tiny GGUF: ~500 prompt tokens per turn instead of
 * ~60). Probed once per template by rendering a short chat with marker texts.
 */
export function movesSystemPrompt(wrapper: ChatWrapper): boolean {
  let moves = probed.get(wrapper)
  if (moves === undefined) {
    moves = false
    try {
      const text = wrapper
        .generateContextState({
          chatHistory: [
            { type: 'system', text: '\uE010' },
            { type: 'user', text: '\uE011' },
            { type: 'model', response: ['\uE012'] },
            { type: 'user', text: '\uE013' },
            { type: 'model', response: [] }
          ]
        })
        .contextText.toString()
      moves = text.indexOf('\uE010') > text.indexOf('\uE012')
    } catch {
      // A template (a model's own Jinja one) that rejects the probe is left as it is; the real prompt renders as before.
    }
    probed.set(wrapper, moves)
  }
  return moves
}

/**
 * For such templates the system prompt opens the first user turn instead (a user turn of its own before a greeting),
 * as SillyTavern's Mistral presets place the character card: the prompt's start then stays the same from turn to
 * turn and stays in the KV cache. Roles still alternate, which Mistral's own templates require.
 */
export function keepSystemPromptFirst(wrapper: ChatWrapper, turns: readonly PromptTurn[]): readonly PromptTurn[] {
  const [system, ...rest] = turns
  if (system?.role !== 'system' || !movesSystemPrompt(wrapper)) return turns
  const first = rest[0]
  if (first?.role === 'user') return [{ role: 'user', text: `${system.text}\n\n${first.text}` }, ...rest.slice(1)]
  return [{ role: 'user', text: system.text }, ...rest]
}
