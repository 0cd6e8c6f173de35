import { defineConfig } from 'vitest/config'

// Three projects: unit (parallel, no GGUF), model (real GGUFs, one fork), e2e (real Chromium over HTTP).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.model.test.ts', 'node_modules/**'],
          pool: 'forks',
          testTimeout: 30_000
        }
      },
      {
        test: {
          name: 'model',
          environment: 'node',
          include: ['src/**/*.model.test.ts', 'tests/**/*.model.test.ts'],
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000
        }
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.spec.ts'],
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          globalSetup: ['tests/helpers/buildRenderer.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000
        }
      }
    ]
  }
})
