import type { BenchSuite } from '../types'
import { chatSuite } from './chat'
import { memorySuite } from './memory'

/** Every suite, in run order. Each suite lives in its own file in this folder. */
export const suites: BenchSuite[] = [
  chatSuite,
  memorySuite
]
