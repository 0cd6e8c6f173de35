import { useState } from 'react'
import { blankCharacterDraft, type Character, type CharacterDraft } from '../../../../shared/domain'
import type { GeneratableField } from '../../../../shared/contract'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { ErrorNotice } from '../../components/ErrorNotice'
import { FIELD_SPECS } from './draftFields'
import { FieldEditor } from './FieldEditor'
import { LoraField } from './LoraField'
import { SliderPanel } from './SliderPanel'
import { useCharacterGeneration } from './useCharacterGeneration'
import { Avatar } from '../../components/Avatar'
import { fileToBase64 } from '../../files'
import { VoicePicker } from '../voice/VoicePicker'

interface Props {
  character: Character | null
  onSaved: (character: Character) => void
  onCancel: () => void
}

function draftOf(character: Character | null): CharacterDraft {
  if (!character) return blankCharacterDraft()
  const { id: _id, userId: _userId, createdAt: _createdAt, updatedAt: _updatedAt, ...draft } = character
  return draft
}

/** Create from a prompt or edit by hand; nothing is stored until Save. */
export function CharacterEditor({ character, onSaved, onCancel }: Props): React.JSX.Element {
  const [draft, setDraft] = useState<CharacterDraft>(() => draftOf(character))
  const [prompt, setPrompt] = useState('')
  const action = useAction()
  const [isSaving, setIsSaving] = useState(false)
  const [pendingAvatar, setPendingAvatar] = useState<File | null>(null)
  const [expressions, setExpressions] = useState<string[]>(() => Object.keys(character?.expressions ?? {}))
  const generation = useCharacterGeneration((partial) => setDraft((current) => ({ ...current, ...partial })))
  const isBusy = generation.busyField !== null

  const attempt = action.run
  const create = (): Promise<boolean> =>
    attempt(async () => {
      const generated = await generation.generate(prompt, draft.sliders)
      setDraft((current) => ({ ...current, ...generated, sliders: current.sliders }))
    })

  const regenerate = (field: GeneratableField): Promise<boolean> =>
    attempt(async () => {
      const patch = await generation.generateField(prompt, draft, field)
      setDraft((current) => ({ ...current, ...patch }))
    })

  const save = (): Promise<boolean> =>
    attempt(async () => {
      setIsSaving(true)
      try {
        let saved = character
          ? await api.characters.update({ id: character.id, patch: draft })
          : await api.characters.create({ draft })
        if (pendingAvatar)
          saved = await api.characters.setAvatar({
            id: saved.id,
            image: { fileName: pendingAvatar.name, dataBase64: await fileToBase64(pendingAvatar) }
          })
        onSaved(saved)
      } finally {
        setIsSaving(false)
      }
    })

  return (
    <section className="editor" data-testid="character-editor">
      <h2>{character ? `Edit ${character.name}` : 'New character'}</h2>
      <div className="card">
        <label htmlFor="concept">Describe your character</label>
        <div className="row">
          <input
            id="concept"
            data-testid="concept"
            placeholder="rebellious elf hacker"
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
          />
          {generation.busyField === 'all' ? (
            <button className="danger" onClick={() => void generation.cancel()}>
              Stop
            </button>
          ) : (
            <button data-testid="generate" disabled={isBusy || !prompt.trim()} onClick={() => void create()}>
              {character ? 'Regenerate all' : 'Create'}
            </button>
          )}
        </div>
        <SliderPanel sliders={draft.sliders} onChange={(sliders) => setDraft((current) => ({ ...current, sliders }))} />
      </div>
      <div className="card row avatar-row">
        {character && <Avatar character={character} size={72} />}
        <label className="button ghost">
          {pendingAvatar ? `Picture: ${pendingAvatar.name}` : 'Upload picture'}
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp"
            hidden
            data-testid="avatar-upload"
            onChange={(e) => setPendingAvatar(e.target.files?.[0] ?? null)}
          />
        </label>
        {character && (
          <button
            className="ghost"
            title="Uses your local Stable Diffusion server (set it up under Models)"
            onClick={() =>
              void attempt(async () => void onSaved(await api.characters.generateAvatar({ id: character.id })))
            }
          >
            Generate picture
          </button>
        )}
        <span className="hint">
          PNG, JPEG or WebP; cropped to a square. Without one, an illustrated avatar is drawn from the appearance.
        </span>
      </div>
      {character && (
        <div className="card row avatar-row">
          <label className="button ghost">
            Import expression images
            <input
              type="file"
              accept="image/png,image/jpeg,image/webp"
              multiple
              hidden
              data-testid="expressions-upload"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? [])
                void attempt(async () => {
                  const result = await api.characters.importExpressions({
                    id: character.id,
                    files: await Promise.all(
                      files.map(async (f) => ({ fileName: f.name, dataBase64: await fileToBase64(f) }))
                    )
                  })
                  setExpressions(Object.keys(result.character.expressions))
                  if (result.skipped.length) action.fail(`Skipped (not an emotion name): ${result.skipped.join(', ')}`)
                })
              }}
            />
          </label>
          <span className="hint">
            {expressions.length
              ? `Expressions: ${expressions.join(', ')}`
              : 'Name files after emotions (joy.png, sadness.png, admiration.png…) as in SillyTavern packs; the avatar shows the one matching the mood.'}
          </span>
        </div>
      )}
      <LoraField loras={draft.loras} onChange={(loras) => setDraft((current) => ({ ...current, loras }))} />
      <div className="card row avatar-row" data-testid="character-voice">
        <VoicePicker
          value={draft.voice}
          sample={draft.firstMessage.replace(/\{\{char\}\}/gi, draft.name).replace(/\{\{user\}\}/gi, 'you')}
          onChange={(voice) => setDraft((current) => ({ ...current, voice }))}
        />
      </div>
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
      <div className="card fields">
        {FIELD_SPECS.map((spec) => (
          <FieldEditor
            key={spec.key}
            spec={spec}
            value={draft[spec.key]}
            isBusy={generation.busyField === spec.key || generation.busyField === 'all'}
            canRegenerate={spec.isGeneratable && !isBusy}
            onChange={(value) => setDraft((current) => ({ ...current, [spec.key]: value }))}
            onRegenerate={() => void regenerate(spec.key as GeneratableField)}
          />
        ))}
      </div>
      <div className="row editor-actions">
        <button className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button
          data-testid="save-character"
          disabled={isBusy || isSaving || !draft.name.trim()}
          onClick={() => void save()}
        >
          Save
        </button>
      </div>
    </section>
  )
}
