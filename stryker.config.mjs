// @ts-check
// `npm run mutate`: mutation testing of the pure modules (prompt building, memory ranking/packing/reconciling, cards,
// lorebook matching, stop triggers, token cuts, sliders, the small schedulers) against their unit tests. Slow, so not
// part of `npm test`; one worker, since this machine's 2 cores are shared. Report: reports/mutation/index.html.
import { resolve } from 'node:path'

// Stryker runs the tests in a sandbox copy (.stryker-tmp/sandbox-*), where "../shared beside the repository" is not.
process.env.AI_ANIME_SHARED_DIR ??= resolve('..', 'shared')

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  mutate: [
    'src/main/characters/cards/cardMapping.ts',
    'src/main/characters/cards/decodeCard.ts',
    'src/main/characters/cards/encodeCard.ts',
    'src/main/characters/cards/lorebook.ts',
    'src/main/characters/cards/pngChunks.ts',
    'src/main/chat/buildPromptTurns.ts',
    'src/main/chat/buildSystemPrompt.ts',
    'src/main/chat/TokenBatcher.ts',
    'src/main/memory/rankMemories.ts',
    'src/main/memory/packMemories.ts',
    'src/main/memory/planReconcile.ts',
    'src/main/lorebooks/scanLore.ts',
    'src/main/lorebooks/matchLoreKeys.ts',
    'src/main/llm/dropCutTokens.ts',
    'src/main/llm/stopTriggers.ts',
    'src/main/llm/ChatPriority.ts',
    'src/main/util/SerialQueue.ts',
    'src/main/util/describeSliders.ts'
  ],
  ignorePatterns: ['models', 'out', 'dist', 'release', 'test-artifacts', 'bench-results', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp'
}
