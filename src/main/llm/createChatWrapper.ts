import {
  AlpacaChatWrapper,
  ChatMLChatWrapper,
  GemmaChatWrapper,
  GeneralChatWrapper,
  Llama2ChatWrapper,
  Llama3_1ChatWrapper,
  Llama3ChatWrapper,
  MistralChatWrapper,
  QwenChatWrapper,
  resolveChatWrapper,
  type ChatWrapper,
  type LlamaModel
} from 'node-llama-cpp'
import type { ChatTemplateName } from '../../shared/domain'

/**
 * Llama 3.1's template otherwise opens every chat with instructions for calling tools ("use relevant functions if
 * available"): tokens a character never needs, and a nudge out of persona.
 */
const LLAMA_3_1 = { noToolInstructions: true }

/** The model's chat template: a named override for models whose GGUF has none or a wrong one, or node-llama-cpp's pick. */
export function createChatWrapper(name: ChatTemplateName, model: LlamaModel): ChatWrapper {
  switch (name) {
    case 'auto':
      return resolveChatWrapper(model, { customWrapperSettings: { 'llama3.1': LLAMA_3_1 } })
    case 'chatml':
      return new ChatMLChatWrapper()
    case 'llama3':
      return new Llama3ChatWrapper()
    case 'llama3.1':
      return new Llama3_1ChatWrapper(LLAMA_3_1)
    case 'llama2':
      return new Llama2ChatWrapper()
    case 'mistral':
      return new MistralChatWrapper()
    case 'gemma':
      return new GemmaChatWrapper()
    case 'qwen':
      return new QwenChatWrapper()
    case 'alpaca':
      return new AlpacaChatWrapper()
    case 'general':
      return new GeneralChatWrapper()
    default:
      return name satisfies never
  }
}
