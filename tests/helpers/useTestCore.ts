import { afterEach, beforeEach } from 'vitest'
import type { Core } from '../../src/main/core'
import { useTempDir } from './tempDir'
import { createTestCore } from './testCore'

/** A fresh core (no model loaded) on its own data folder for each test, handed to `use` and disposed after it. */
export function useTestCore(use: (core: Core) => void): void {
  const tempDir = useTempDir()
  let current: Core | null = null
  beforeEach(async () => {
    current = await createTestCore(tempDir())
    use(current)
  })
  afterEach(async () => {
    await current?.dispose()
    current = null
  })
}
