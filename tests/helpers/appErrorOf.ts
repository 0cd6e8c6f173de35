import { AppError } from '../../src/shared/errors'

/** The AppError `run` throws; any other outcome (no error, another kind of error) fails the test. */
export function appErrorOf(run: () => unknown): AppError {
  try {
    run()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError, but nothing was thrown')
}
