import { useEffect, useState } from 'react'
import type { UserProfile } from '../../../../shared/domain'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { BackupPanel } from '../backup/BackupPanel'
import { VoiceSettingsPanel } from '../voice/VoiceSettingsPanel'

/** The user's persona: the name characters call them and a short description they know. */
export function ProfileView({ onSaved }: { onSaved: (profile: UserProfile) => void }): React.JSX.Element {
  const [profile, setProfile] = useState<UserProfile | null>(null)
  const action = useAction()
  const { fail } = action
  const [isSaved, setIsSaved] = useState(false)

  useEffect(() => {
    api.profiles.get({}).then(setProfile, fail)
  }, [fail])

  if (!profile) return <ErrorNotice message={action.error} />
  const save = (): Promise<boolean> =>
    action.run(async () => {
      const saved = await api.profiles.update({ name: profile.name, description: profile.description })
      setIsSaved(true)
      onSaved(saved)
    })
  return (
    <section className="editor">
      <h2>You</h2>
      <div className="card">
        <label htmlFor="persona-name">Your name (what characters call you)</label>
        <input
          id="persona-name"
          data-testid="persona-name"
          value={profile.name}
          onChange={(e) => (setIsSaved(false), setProfile({ ...profile, name: e.target.value }))}
        />
        <label htmlFor="persona-description" style={{ marginTop: 12 }}>
          About you (characters know this)
        </label>
        <textarea
          id="persona-description"
          data-testid="persona-description"
          rows={5}
          style={{ width: '100%' }}
          value={profile.description}
          onChange={(e) => (setIsSaved(false), setProfile({ ...profile, description: e.target.value }))}
        />
        <div className="row editor-actions" style={{ marginTop: 12 }}>
          {isSaved && <span className="hint">Saved</span>}
          <button data-testid="persona-save" disabled={!profile.name.trim()} onClick={() => void save()}>
            Save
          </button>
        </div>
      </div>
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
      <VoiceSettingsPanel />
      <BackupPanel />
    </section>
  )
}
