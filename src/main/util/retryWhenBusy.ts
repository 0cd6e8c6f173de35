import { AppError } from '../../shared/errors'

/** Background model work that gave way to a chat reply (BUSY) runs again, a few times at most. */
export async function retryWhenBusy<T>(job: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await job()
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'BUSY') || attempt >= attempts) throw error
    }
  }
}
