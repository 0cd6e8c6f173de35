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
  type ChatWrapper
} from 'node-llama-cpp'
import type { ChatTemplateName } from '../../shared/domain'

/** A chat template override for models whose GGUF has none or a wrong one; 'auto' lets node-llama-cpp decide. */
export function createChatWrapper(name: ChatTemplateName): ChatWrapper | 'auto' {
  switch (name) {
    case 'auto':
      return 'auto'
    case 'chatml':
      return new ChatMLChatWrapper()
    case 'llama3':
      return new Llama3ChatWrapper()
    case 'llama3.1':
      return new Llama3_1ChatWrapper()
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
