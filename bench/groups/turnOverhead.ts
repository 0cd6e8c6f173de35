import type { Core } from '../../src/main/core'
import type { GenerationResult } from '../../src/main/llm/types'
import { median } from '../stats'
import { addMembers, openBenchCore } from './groupReevalRatio'

export interface TurnOverheadReport {
  /** Median ms from a reply's end to the next member's first token, auto mode. */
  groupGapMs: number
  /** Median ms from a reply's end to the next reply's first token in a one-to-one chat, the user answering at once. */
  singleGapMs: number
}

/** ms from each chat.done to the next chat.token of another stream, as seen by an event subscriber. */
function gapsBetweenReplies(core: Core): { gaps: number[]; stop: () => void } {
  const gaps: number[] = []
  let lastDone: { at: number; streamId: string } | null = null
  const stop = core.events.subscribe((event, payload) => {
    const streamId = (payload as { streamId?: string }).streamId
    if (event === 'chat.done' && streamId) lastDone = { at: performance.now(), streamId }
    if (event === 'chat.token' && lastDone && streamId !== lastDone.streamId) {
      gaps.push(performance.now() - lastDone.at)
      lastDone = null
    }
  })
  return { gaps, stop }
}

/**
 * What the group's orchestration adds between replies: in auto mode the next member starts from the last one's
 * end; in a one-to-one chat the user's next message is sent at once on chat.done. Both include recall, prompt
 * assembly and evaluating the new tokens; the difference is the group's own cost (speaker choice, its prompt).
 */
export async function turnOverhead(workDir: string, modelPath: string, replies: number): Promise<TurnOverheadReport> {
  const results: GenerationResult[] = []
  const core = await openBenchCore(workDir, modelPath, results)
  try {
    const ids = addMembers(core)
    const single = core.chat.create(ids[0]!)
    const singleGaps = gapsBetweenReplies(core)
    const doneCount = { value: 0 }
    await new Promise<void>((resolve) => {
      const off = core.events.subscribe((event, payload) => {
        if (event !== 'chat.done' || (payload as { chatId: string }).chatId !== single.id) return
        if (++doneCount.value >= replies) {
          off()
          resolve()
          return
        }
        core.chat.send(single.id, 'And then?')
      })
      core.chat.send(single.id, 'Tell me about your day.')
    })
    singleGaps.stop()
    await core.chat.settle()
    await core.background.settle()

    const group = core.groups.create({
      name: 'Bench',
      characterIds: ids,
      isAutoMode: true,
      autoModeMaxReplies: replies
    })
    const chat = core.chat.createInGroup(group.id)
    const groupGaps = gapsBetweenReplies(core)
    core.chat.send(chat.id, 'Tell me about your day, everyone.')
    await core.chat.settle()
    groupGaps.stop()
    return { groupGapMs: median(groupGaps.gaps), singleGapMs: median(singleGaps.gaps) }
  } finally {
    await core.dispose()
  }
}
