/** The contract's common part: inputs, results shared by several capabilities. */

export interface IdInput {
  id: string
}

/** A file crossing the contract: its name and bytes as base64 (drag and drop, file picker and HTTP share one shape). */
export interface FileInput {
  fileName: string
  dataBase64: string
}

export interface DataUrlResult {
  dataUrl: string
}

export interface RequestIdInput {
  requestId: string
}

export interface DeleteResult {
  isDeleted: boolean
}

export interface IdsInput {
  ids: string[]
}

export interface StreamIdInput {
  streamId: string
}

export interface StreamingResult {
  isStreaming: boolean
}

export interface CancelResult {
  isCancelled: boolean
}
