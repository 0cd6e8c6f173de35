import type { DatasetFormat } from '../../shared/contract'

export type { DatasetFormat }

export interface DatasetConversation {
  title: string
  messages: { role: 'user' | 'assistant' | 'system'; content: string }[]
}

export interface DatasetInput {
  /** The persona, as the system message of every conversation. */
  systemPrompt: string
  characterName: string
  conversations: DatasetConversation[]
  format: DatasetFormat
}

/**
 * Chats as a fine-tuning dataset in the common formats: OpenAI chat JSONL (one conversation per line), ShareGPT
 * JSON, or ChatML text. Empty messages are left out; nothing else is changed.
 */
export function buildFineTuneDataset(input: DatasetInput): { fileName: string; mimeType: string; text: string } {
  const base = input.characterName.replace(/[^\p{L}\p{N}_-]+/gu, '_') || 'character'
  const conversations = input.conversations.map((c) => [
    { role: 'system' as const, content: input.systemPrompt },
    ...c.messages.filter((m) => m.content.trim())
  ])
  switch (input.format) {
    case 'openai-jsonl':
      return {
        fileName: `${base}.openai.jsonl`,
        mimeType: 'application/jsonl',
        text: conversations.map((messages) => JSON.stringify({ messages })).join('\n') + '\n'
      }
    case 'sharegpt': {
      const from = { system: 'system', user: 'human', assistant: 'gpt' } as const
      const data = conversations.map((messages) => ({
        conversations: messages.map((m) => ({ from: from[m.role], value: m.content }))
      }))
      return { fileName: `${base}.sharegpt.json`, mimeType: 'application/json', text: JSON.stringify(data, null, 2) }
    }
    case 'chatml':
      return {
        fileName: `${base}.chatml.txt`,
        mimeType: 'text/plain',
        text:
          conversations
            .map((messages) => messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>`).join('\n'))
            .join('\n\n') + '\n'
      }
    default:
      return input.format satisfies never
  }
}
