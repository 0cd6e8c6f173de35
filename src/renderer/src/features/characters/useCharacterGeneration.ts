import { useEffect, useEffectEvent, useRef, useState } from 'react'
import type { CharacterDraft, TraitSliders } from '../../../../shared/domain'
import type { GeneratableField } from '../../../../shared/contract'
import { api, onEvent } from '../../api'

/** Runs generations and streams their partial fields into the editor via `characters.generateProgress`. */
export function useCharacterGeneration(onPartial: (partial: Partial<CharacterDraft>) => void): {
  busyField: GeneratableField | 'all' | null
  generate(prompt: string, sliders: TraitSliders): Promise<CharacterDraft>
  generateField(prompt: string, draft: CharacterDraft, field: GeneratableField): Promise<Partial<CharacterDraft>>
  cancel(): Promise<void>
} {
  const [busyField, setBusyField] = useState<GeneratableField | 'all' | null>(null)
  const requestRef = useRef<string | null>(null)
  // An effect event always calls the latest onPartial without re-subscribing on every render.
  const emitPartial = useEffectEvent(onPartial)

  useEffect(
    () =>
      onEvent('characters.generateProgress', ({ requestId, partial }) => {
        if (requestId === requestRef.current) emitPartial(partial)
      }),
    []
  )

  const track = async <T>(field: GeneratableField | 'all', run: (requestId: string) => Promise<T>): Promise<T> => {
    const requestId = crypto.randomUUID()
    requestRef.current = requestId
    setBusyField(field)
    try {
      return await run(requestId)
    } finally {
      requestRef.current = null
      setBusyField(null)
    }
  }

  return {
    busyField,
    generate: (prompt, sliders) => track('all', (requestId) => api.characters.generate({ requestId, prompt, sliders })),
    generateField: (prompt, draft, field) =>
      track(field, (requestId) => api.characters.generateField({ requestId, prompt, draft, field })),
    cancel: async () => {
      if (requestRef.current) await api.characters.cancelGeneration({ requestId: requestRef.current })
    }
  }
}
