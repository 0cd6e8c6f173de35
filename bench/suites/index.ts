import type { BenchSuite } from '../types'
import { chatSuite } from './chat'
import { memorySuite } from './memory'
import { emotionSuite } from './emotion'
import { charactersSuite } from './characters'
import { scaleSuite } from './scale'
import { voiceSuite } from './voice'
import { groupsSuite } from './groups'

/** Every suite, in run order. Each suite lives in its own file in this folder. */
export const suites: BenchSuite[] = [
  chatSuite,
  charactersSuite,
  memorySuite,
  emotionSuite,
  scaleSuite,
  voiceSuite,
  groupsSuite
]
