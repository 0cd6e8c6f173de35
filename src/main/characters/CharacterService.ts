import type { Character, CharacterDraft, TraitSliders } from '../../shared/domain'
import type { GeneratableField } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { type CharacterRepository, toDraft } from '../db/repositories/CharacterRepository'
import type { EventBus } from '../util/EventBus'
import type { CharacterGenerator } from './generate/CharacterGenerator'

/** Character profiles: CRUD in SQLite plus generation runs that can be cancelled by request id. */
export class CharacterService {
  private readonly generations = new Map<string, AbortController>()

  constructor(
    private readonly repository: CharacterRepository,
    private readonly generator: CharacterGenerator,
    private readonly events: EventBus,
    private readonly userId: string
  ) {}

  create(draft: CharacterDraft): Character {
    return this.repository.insert(this.userId, draft)
  }

  duplicate(id: string): Character {
    const source = toDraft(this.repository.get(id))
    return this.repository.insert(this.userId, { ...source, name: `${source.name} (copy)` })
  }

  generate(requestId: string, prompt: string, sliders: TraitSliders): Promise<CharacterDraft> {
    return this.track(requestId, (signal) =>
      this.generator.generate({ concept: prompt, sliders, signal, onPartial: (partial) => this.events.emit('characters.generateProgress', { requestId, partial }) })
    )
  }

  generateField(requestId: string, prompt: string, draft: CharacterDraft, field: GeneratableField): Promise<Partial<CharacterDraft>> {
    return this.track(requestId, (signal) =>
      this.generator.generateField({ concept: prompt, draft, field, signal, onPartial: (partial) => this.events.emit('characters.generateProgress', { requestId, partial }) })
    )
  }

  cancel(requestId: string): boolean {
    const controller = this.generations.get(requestId)
    controller?.abort()
    return controller !== undefined
  }

  private async track<T>(requestId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.generations.has(requestId)) throw new AppError('BUSY', 'That generation is already running.')
    const controller = new AbortController()
    this.generations.set(requestId, controller)
    try {
      return await run(controller.signal)
    } finally {
      this.generations.delete(requestId)
    }
  }

  dispose(): void {
    for (const controller of this.generations.values()) controller.abort()
  }
}
