import { defineConfig } from 'vitest/config'

// The fast unit tests of the pure modules that `npm run mutate` mutates (stryker.config.mjs): Stryker runs them once
// per mutant, so this list stays small; the whole unit project would make a run take hours on 2 cores.
export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'src/main/characters/cards/*.test.ts',
      'src/main/chat/buildPromptTurns*.test.ts',
      'src/main/chat/buildSystemPrompt*.test.ts',
      'src/main/chat/TokenBatcher.test.ts',
      'src/main/memory/rankMemories.test.ts',
      'src/main/memory/packMemories.test.ts',
      'src/main/memory/planReconcile.test.ts',
      'src/main/lorebooks/scanLore.test.ts',
      'src/main/llm/dropCutTokens.test.ts',
      'src/main/llm/stopTriggers.test.ts',
      'src/main/llm/ChatPriority.test.ts',
      'src/main/util/SerialQueue.test.ts',
      'src/main/util/describeSliders.test.ts'
    ],
    exclude: ['**/*.model.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 30_000
  }
})
