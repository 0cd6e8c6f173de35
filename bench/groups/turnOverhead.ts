import type { Core } from '../../src/main/core'
import type { GenerationResult } from '../../src/main/llm/types'
import { median } from '../stats'
import { addMembers, openBenchCore } from './groupReevalRatio'

export interface TurnOverheadReport {
  /** Median over the rounds of (group gap - one-to-one gap), each gap the median within its chat. */
  overheadMs: number
  /** The same in CPU time of this process: what the group's turn costs, whatever else the machine runs. */
  overheadCpuMs: number
  /** Median ms from a reply's end to the next member's first token, auto mode (all rounds). */
  groupGapMs: number
  /** Median ms from a reply's end to the next reply's first token in a one-to-one chat, the user answering at once. */
  singleGapMs: number
  /** One difference per round, to show the spread. */
  roundOverheadsMs: number[]
}

/** One gap: wall ms, and the CPU ms this process spent in it (all its threads: other processes' load is left out). */
interface Gap {
  ms: number
  cpuMs: number
}

/** Each gap from a chat.done of the chat to the next chat.token of another of its streams, as a subscriber sees. */
function gapsBetweenReplies(core: Core, chatId: string): { gaps: Gap[]; stop: () => void } {
  const gaps: Gap[] = []
  let lastDone: { at: number; cpu: NodeJS.CpuUsage; streamId: string } | null = null
  const stop = core.events.subscribe((event, payload) => {
    const { streamId, chatId: of } = payload as { streamId?: string; chatId?: string }
    if (of !== chatId || !streamId) return
    if (event === 'chat.done') lastDone = { at: performance.now(), cpu: process.cpuUsage(), streamId }
    if (event === 'chat.token' && lastDone && streamId !== lastDone.streamId) {
      const cpu = process.cpuUsage(lastDone.cpu)
      gaps.push({ ms: performance.now() - lastDone.at, cpuMs: (cpu.user + cpu.system) / 1000 })
      lastDone = null
    }
  })
  return { gaps, stop }
}

/** A fresh one-to-one chat where the user answers each reply at once; the gaps between its replies. */
async function singleChatGaps(core: Core, characterId: string, replies: number): Promise<Gap[]> {
  const chat = core.chat.create(characterId)
  const recorder = gapsBetweenReplies(core, chat.id)
  let done = 0
  await new Promise<void>((resolve) => {
    const off = core.events.subscribe((event, payload) => {
      if (event !== 'chat.done' || (payload as { chatId: string }).chatId !== chat.id) return
      if (++done >= replies) {
        off()
        resolve()
        return
      }
      core.chat.send(chat.id, 'And then?')
    })
    core.chat.send(chat.id, 'Tell me about your day.')
  })
  recorder.stop()
  await core.chat.settle()
  await core.background.settle()
  return recorder.gaps
}

/** A fresh group chat in auto mode, the members answering each other (up to the group's limit); the gaps between replies. */
async function groupChatGaps(core: Core, groupId: string): Promise<Gap[]> {
  const chat = core.chat.createInGroup(groupId)
  const recorder = gapsBetweenReplies(core, chat.id)
  core.chat.send(chat.id, 'Tell me about your day, everyone.')
  await core.chat.settle()
  recorder.stop()
  await core.background.settle()
  return recorder.gaps
}

/**
 * What the group's orchestration adds between replies: in auto mode the next member starts from the last one's
 * end; in a one-to-one chat the user's next message is sent at once on chat.done. Both include recall, prompt
 * assembly and evaluating the new tokens; the difference is the group's own cost (speaker choice, its prompt).
 * A single pass swung by +-100 ms on the shared machine (load changes between the two chats), so it runs in rounds,
 * each a fresh chat of each kind of the same length, alternating which goes first, and reports the median of the
 * rounds' differences.
 */
export async function turnOverhead(
  workDir: string,
  modelPath: string,
  rounds: number,
  repliesPerChat: number
): Promise<TurnOverheadReport> {
  const results: GenerationResult[] = []
  const core = await openBenchCore(workDir, modelPath, results)
  try {
    const ids = addMembers(core)
    const group = core.groups.create({
      name: 'Bench',
      characterIds: ids,
      isAutoMode: true,
      autoModeMaxReplies: repliesPerChat
    })
    // Warm-up: the first generations of a process pay one-off costs (allocations, page faults).
    await singleChatGaps(core, ids[0]!, 2)
    const allSingle: Gap[] = []
    const allGroup: Gap[] = []
    const differences: Gap[] = []
    for (let round = 0; round < rounds; round++) {
      const single = round % 2 === 0 ? await singleChatGaps(core, ids[0]!, repliesPerChat) : null
      const grouped = await groupChatGaps(core, group.id)
      const singleGaps = single ?? (await singleChatGaps(core, ids[0]!, repliesPerChat))
      allSingle.push(...singleGaps)
      allGroup.push(...grouped)
      differences.push({
        ms: median(grouped.map((g) => g.ms)) - median(singleGaps.map((g) => g.ms)),
        cpuMs: median(grouped.map((g) => g.cpuMs)) - median(singleGaps.map((g) => g.cpuMs))
      })
    }
    return {
      overheadMs: median(differences.map((d) => d.ms)),
      overheadCpuMs: median(differences.map((d) => d.cpuMs)),
      groupGapMs: median(allGroup.map((g) => g.ms)),
      singleGapMs: median(allSingle.map((g) => g.ms)),
      roundOverheadsMs: differences.map((d) => Math.round(d.ms))
    }
  } finally {
    await core.dispose()
  }
}
