/** How far a transfer has come; totalBytes is null while the server has not said. */
export interface TransferProgress {
  receivedBytes: number
  totalBytes: number | null
  bytesPerSecond: number
}

/** One download's files and how to fetch or discard them: a link, or a hub repository. */
export interface ModelTransfer {
  /** The model file to load (a GGUF, the first part of a split one) or the ONNX model folder. */
  path: string
  fileName: string
  /** Fetches (or, after a pause, goes on fetching) until complete and checked; throws when stopped by the signal. */
  download(signal: AbortSignal, onProgress: (progress: TransferProgress) => void): Promise<void>
  /** Removes what a stopped download left behind. */
  discard(): Promise<void>
}
