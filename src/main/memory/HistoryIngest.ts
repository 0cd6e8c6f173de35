import type { HistoryIngestStatus } from '../../shared/contract'
import type { Chat, Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { extractFacts } from './extractFacts'
import type { MemoryRepository } from '../db/repositories/MemoryRepository'
import type { MemoryService } from './MemoryService'

export interface HistoryIngestDeps {
  memory: MemoryService
  repository: MemoryRepository
  /**
   * The chat's messages and who hears them: its character, or every member of a group chat (each remembers the
   * history, as each remembers what the user says live in the group).
   */
  loadChat: (chatId: string) => {
    chat: Chat
    messages: Message[]
    userName: string
    listeners: readonly { id: string; name: string }[]
  }
  /** Resolves when no reply is being written: history waits, the chat never does. */
  whenChatIdle: () => Promise<void>
  /** Marks a chat whose history still has to be read, so a restart resumes it. */
  setPending: (chatId: string, isPending: boolean) => void
  onProgress: (status: HistoryIngestStatus) => void
  run: (label: string, job: () => Promise<unknown>) => void
}

/**
 * An imported chat's history read into long-term memory in the background, one user turn at a time (with the
 * turn before it, as live chat does), after any reply being written. Cancellable; resumable, because turns
 * already remembered are skipped: starting again (or the next app start) continues where it stopped.
 */
export class HistoryIngest {
  private readonly active = new Map<string, { status: HistoryIngestStatus; isCancelled: boolean }>()

  constructor(private readonly deps: HistoryIngestDeps) {}

  start(chatId: string): HistoryIngestStatus {
    const running = this.active.get(chatId)
    if (running && !running.isCancelled) return running.status
    const { messages, listeners } = this.deps.loadChat(chatId)
    const characterId = listeners[0]?.id
    if (characterId === undefined)
      throw new AppError('INVALID_INPUT', 'This group has no members left to remember its history.')
    const total = messages.filter((m) => m.role === 'user').length
    const job = {
      status: { chatId, characterId, done: 0, total, state: 'running' as const },
      isCancelled: false
    }
    this.active.set(chatId, job)
    this.deps.setPending(chatId, true)
    this.deps.onProgress(job.status)
    this.deps.run('history ingest', () => this.ingest(chatId, job))
    return job.status
  }

  cancel(chatId: string): HistoryIngestStatus {
    const job = this.active.get(chatId)
    if (!job) throw new AppError('NOT_FOUND', 'No history of this chat is being remembered.')
    job.isCancelled = true
    job.status = { ...job.status, state: 'cancelled' }
    this.deps.setPending(chatId, false)
    this.deps.onProgress(job.status)
    return job.status
  }

  /** Shutdown: every history stops after its current turn and stays marked, to resume at the next start. */
  pauseAll(): void {
    for (const job of this.active.values()) job.isCancelled = true
  }

  status(chatId: string): HistoryIngestStatus | null {
    return this.active.get(chatId)?.status ?? null
  }

  private async ingest(chatId: string, job: { status: HistoryIngestStatus; isCancelled: boolean }): Promise<void> {
    const update = (patch: Partial<HistoryIngestStatus>): void => {
      job.status = { ...job.status, ...patch }
      this.deps.onProgress(job.status)
    }
    try {
      const { chat, messages, userName, listeners } = this.deps.loadChat(chatId)
      // Per listener: one stopped between two members of a group resumes with the members still missing the turn.
      const done = new Map(listeners.map((l) => [l.id, this.deps.repository.ingestedMessageIds(chatId, l.id)]))
      let count = 0
      for (const [index, message] of messages.entries()) {
        if (message.role !== 'user') continue
        const before = messages[index - 1]
        for (const listener of listeners) {
          if (job.isCancelled) return
          if (done.get(listener.id)?.has(message.id)) continue
          await this.deps.whenChatIdle()
          if (job.isCancelled) return
          const speaker = nameOf(message, userName)
          await this.deps.memory.ingest({
            characterId: listener.id,
            userId: chat.userId,
            chatId,
            messageId: message.id,
            speaker,
            text: message.content,
            at: message.createdAt,
            facts: extractFacts(message.content, speaker),
            previous: before
              ? {
                  messageId: before.id,
                  speaker: nameOf(before, before.role === 'user' ? userName : (before.speakerName ?? listener.name)),
                  text: before.content
                }
              : undefined
          })
        }
        count += 1
        update({ done: count })
      }
      this.deps.setPending(chatId, false)
      update({ state: 'done' })
    } catch (error) {
      // The chat was deleted meanwhile (or its import rolled back): nothing left to remember.
      if (error instanceof AppError && error.code === 'NOT_FOUND') return update({ state: 'cancelled' })
      update({ state: 'failed' })
      throw error
    } finally {
      if (job.status.state !== 'running' && this.active.get(chatId) === job) this.active.delete(chatId)
    }
  }
}

/** The speaker as the imported chat named them (a persona renamed mid-chat stays who they were then). */
function nameOf(message: Message, fallback: string): string {
  const st = message.metadata.st as { name?: unknown } | undefined
  return typeof st?.name === 'string' && st.name ? st.name : fallback
}
