import { useCallback, useEffect, useState } from 'react'
import type { Character, UserProfile } from '../../shared/domain'
import { api, errorMessage } from './api'
import { ErrorNotice } from './components/ErrorNotice'
import { ChatView } from './features/chat/ChatView'
import { CharacterEditor } from './features/characters/CharacterEditor'
import { CharacterGallery } from './features/characters/CharacterGallery'
import { CharacterList } from './features/characters/CharacterList'
import { ModelsView } from './features/models/ModelsView'
import { useModelStatus } from './features/models/useModelStatus'
import { ProfileView } from './features/profile/ProfileView'

type View =
  | { name: 'chat' }
  | { name: 'models' }
  | { name: 'gallery' }
  | { name: 'profile' }
  | { name: 'editor'; character: Character | null }

export function App(): React.JSX.Element {
  const model = useModelStatus()
  const [characters, setCharacters] = useState<Character[]>([])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [view, setView] = useState<View>({ name: 'chat' })
  const [error, setError] = useState<string | null>(null)
  const [profile, setProfile] = useState<UserProfile | null>(null)

  const refresh = useCallback(() => {
    api.characters
      .list({})
      .then((list) => {
        setCharacters(list)
        setSelectedId((current) => (current && list.some((c) => c.id === current) ? current : (list[0]?.id ?? null)))
      })
      .catch((e: unknown) => setError(errorMessage(e)))
  }, [])

  useEffect(refresh, [refresh])
  useEffect(() => {
    api.profiles.get({}).then(setProfile, (e: unknown) => setError(errorMessage(e)))
    api.app.info({}).then(
      (info) => info.notice && setError(info.notice),
      (e: unknown) => setError(errorMessage(e))
    )
  }, [])

  const selected = characters.find((c) => c.id === selectedId) ?? null
  const isLoaded = model.status?.state === 'loaded'
  const openChat = (id: string): void => {
    setSelectedId(id)
    setView({ name: 'chat' })
  }

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">Ai Anime</div>
        <CharacterList
          characters={characters}
          selectedId={view.name === 'chat' ? selectedId : null}
          onSelect={openChat}
        />
        <nav className="sidebar-nav">
          <button
            className={view.name === 'gallery' ? 'active' : 'ghost'}
            data-testid="nav-characters"
            onClick={() => setView({ name: 'gallery' })}
          >
            Characters
          </button>
          <button
            className={view.name === 'profile' ? 'active' : 'ghost'}
            data-testid="nav-profile"
            onClick={() => setView({ name: 'profile' })}
          >
            {profile ? `You · ${profile.name}` : 'You'}
          </button>
          <button
            className={view.name === 'models' ? 'active' : 'ghost'}
            data-testid="nav-models"
            onClick={() => setView({ name: 'models' })}
          >
            Models
          </button>
        </nav>
        <div className="model-pill" data-testid="model-pill">
          <span className={`dot ${model.status?.state ?? 'none'}`} />
          {isLoaded
            ? (model.status?.metadata?.name ?? model.status?.metadata?.fileName)
            : model.status?.state === 'loading'
              ? 'Loading…'
              : 'No model'}
        </div>
      </aside>
      <main className="content">
        <ErrorNotice message={error} onDismiss={() => setError(null)} />
        {view.name === 'models' && <ModelsView model={model} />}
        {view.name === 'profile' && <ProfileView onSaved={setProfile} />}
        {view.name === 'gallery' && (
          <CharacterGallery
            characters={characters}
            onChanged={refresh}
            onChat={openChat}
            onEdit={(character) => setView({ name: 'editor', character })}
            onCreate={() => setView({ name: 'editor', character: null })}
          />
        )}
        {view.name === 'editor' && (
          <CharacterEditor
            key={view.character?.id ?? 'new'}
            character={view.character}
            onCancel={() => setView({ name: 'gallery' })}
            onSaved={() => {
              refresh()
              setView({ name: 'gallery' })
            }}
          />
        )}
        {view.name === 'chat' && selected && (
          <ChatView
            key={selected.id}
            character={selected}
            userName={profile?.name ?? 'You'}
            isModelLoaded={isLoaded}
            onOpenModels={() => setView({ name: 'models' })}
          />
        )}
      </main>
    </div>
  )
}
