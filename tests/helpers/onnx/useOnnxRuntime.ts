import { afterAll, beforeAll } from 'vitest'
import { OnnxRuntime } from '../../../src/main/onnx/OnnxRuntime'

/** One ONNX worker (one thread) for the tests of a file, closed after them. */
export function useOnnxRuntime(): () => OnnxRuntime {
  let runtime: OnnxRuntime | null = null
  beforeAll(() => {
    runtime = new OnnxRuntime(1)
  })
  afterAll(async () => {
    await runtime?.dispose()
  })
  return () => runtime!
}
