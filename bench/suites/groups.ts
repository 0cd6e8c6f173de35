/** Suite `groups`: KV reuse in a three-member group chat (join and swap prompts) and the cost of a turn change. */
import { join } from 'node:path'
import type { BenchSuite } from '../types'
import { groupReevalRatio } from '../groups/groupReevalRatio'
import { turnOverhead } from '../groups/turnOverhead'

export const groupsSuite: BenchSuite = {
  name: 'groups',
  async run(args) {
    const turns = args.isQuick ? 8 : 20
    const join_ = await groupReevalRatio(join(args.workDir, 'join'), args.kvModel, 'join', turns)
    const swap = await groupReevalRatio(join(args.workDir, 'swap'), args.kvModel, 'swap', turns)
    const overhead = await turnOverhead(join(args.workDir, 'overhead'), args.kvModel, args.isQuick ? 9 : 21, 2)
    return {
      'groups.reevalRatio.join': join_.ratio,
      'groups.reevalRatio.swap': swap.ratio,
      'groups.finalPromptTokens': join_.finalPromptTokens,
      'groups.turnOverheadMs': overhead.overheadMs,
      'groups.turnOverheadMs.rounds': overhead.roundOverheadsMs,
      'groups.turnOverheadCpuMs': overhead.overheadCpuMs,
      'groups.turnGapMs.group': overhead.groupGapMs,
      'groups.turnGapMs.single': overhead.singleGapMs
    }
  }
}
