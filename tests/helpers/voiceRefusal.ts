import { AppError } from '../../src/shared/errors'
import { detectVoiceModel, type DetectOptions } from '../../src/main/voice/detectVoiceModel'

/** The message detectVoiceModel refuses this folder with (MODEL_FILE_INVALID); accepting it fails the test. */
export async function refusedWith(dir: string, options?: DetectOptions): Promise<string> {
  try {
    await detectVoiceModel(dir, options)
  } catch (error) {
    if (error instanceof AppError && error.code === 'MODEL_FILE_INVALID') return error.message
    throw error
  }
  throw new Error(`${dir} was accepted`)
}
