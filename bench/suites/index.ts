import type { BenchSuite } from '../types'
import { chatSuite } from './chat'
import { memorySuite } from './memory'
import { emotionSuite } from './emotion'

/** Every suite, in run order. Each suite lives in its own file in this folder. */
export const suites: BenchSuite[] = [
  chatSuite,
  memorySuite,
  emotionSuite
]
