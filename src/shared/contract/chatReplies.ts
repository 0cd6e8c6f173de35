/** The contract's chat streaming part: the calls that start a reply and what they return (see ChatApi in ./chat). */

/** chat.speak: this member answers now (manual mode, or a click on its avatar), whatever the talk mode. */
export interface ChatSpeakInput {
  chatId: string
  characterId: string
  /** Chosen by the caller, so its events can be matched from the first one. */
  streamId: string
}

export interface ChatSpeakResult {
  streamId: string
  characterId: string
}

export interface ChatSendInput {
  chatId: string
  text: string
  /** Chosen by the caller (as characters.generate's requestId), so its events can be matched from the first one. */
  streamId: string
}

export interface ReplyStreamInput {
  chatId: string
  /** Chosen by the caller, so its events can be matched from the first one. */
  streamId: string
}

export interface ChatSendResult {
  streamId: string
  userMessageId: string
  /** Who answers under `streamId`; in a group chat null when nobody does yet (manual mode: see chat.speak). */
  characterId: string | null
}

export interface ReplyStreamResult {
  streamId: string
  /** The assistant message being written. */
  messageId: string
}
