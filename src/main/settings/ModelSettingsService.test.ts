import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultSampling } from '../../shared/domain'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { openDatabase } from '../db/openDatabase'
import { SettingsRepository } from '../db/repositories/SettingsRepository'
import { ModelSettingsService } from './ModelSettingsService'

describe('ModelSettingsService applies what the Models screen shows', () => {
  const tempDir = useTempDir()
  const store = (): ModelSettingsService =>
    new ModelSettingsService(new SettingsRepository(openDatabase(join(tempDir(), 'app.sqlite'))))
  const qwen = { path: '/models/qwen2.5-3b.gguf', architecture: 'qwen2', name: 'Qwen2.5 3B Instruct' }
  const app = { ...defaultSampling(), temperature: 0.3, topK: 40, maxTokens: 300 }

  it("applies the model family's defaults when nothing is stored for the model", () => {
    const settings = store()
    const shown = settings.get(qwen).sampling
    expect(shown).toMatchObject({ temperature: 0.7, topK: 20 })
    expect(settings.samplingFor(qwen, app)).toEqual({ ...app, ...shown })
  })

  it('applies stored choices over the family defaults, and app-wide sampling for unknown families or no model', () => {
    const settings = store()
    settings.update(qwen, { sampling: { temperature: 1.1 } })
    expect(settings.samplingFor(qwen, app)).toMatchObject({ temperature: 1.1, topK: 20, maxTokens: 300 })
    expect(settings.samplingFor({ path: '/m/x.gguf', architecture: 'phi3', name: null }, app)).toEqual(app)
    expect(settings.samplingFor(null, app)).toEqual(app)
  })
})
