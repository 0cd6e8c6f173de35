import type { CharacterDraft } from '../../../../shared/domain'
import type { GeneratableField } from '../../../../shared/contract'

export interface FieldSpec {
  key: keyof CharacterDraft
  label: string
  kind: 'line' | 'text' | 'list'
  /** Can the model write this field again on its own? */
  isGeneratable: boolean
}

const gen = (key: GeneratableField, label: string, kind: FieldSpec['kind']): FieldSpec => ({
  key,
  label,
  kind,
  isGeneratable: true
})

/** The editor's fields in reading order. Lists are edited one item per line. */
export const FIELD_SPECS: FieldSpec[] = [
  gen('name', 'Name', 'line'),
  gen('tagline', 'Tagline', 'line'),
  gen('age', 'Age', 'line'),
  gen('species', 'Species', 'line'),
  gen('appearance', 'Appearance', 'text'),
  gen('backstory', 'Backstory', 'text'),
  gen('traits', 'Personality traits', 'list'),
  gen('goals', 'Goals', 'list'),
  gen('quirks', 'Quirks', 'list'),
  gen('likes', 'Likes', 'list'),
  gen('dislikes', 'Dislikes', 'list'),
  gen('speakingStyle', 'Speaking style', 'text'),
  gen('firstMessage', 'First message', 'text'),
  gen('exampleDialogue', 'Example dialogue', 'text'),
  { key: 'scenario', label: 'Scenario', kind: 'text', isGeneratable: false },
  { key: 'systemPrompt', label: 'System prompt (optional)', kind: 'text', isGeneratable: false },
  { key: 'imagePrompt', label: 'Image prompt (tags)', kind: 'text', isGeneratable: false },
  { key: 'tags', label: 'Tags', kind: 'list', isGeneratable: false }
]
