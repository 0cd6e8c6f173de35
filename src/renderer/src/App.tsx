import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Character, UserProfile } from '../../shared/domain'
import { api } from './api'
import { ErrorNotice } from './components/ErrorNotice'
import { useAction } from './components/useAction'
import { ChatView, type ChatParty } from './features/chat/ChatView'
import { CharacterEditor } from './features/characters/CharacterEditor'
import { CharacterGallery } from './features/characters/CharacterGallery'
import { CharacterList } from './features/characters/CharacterList'
import { ModelsView } from './features/models/ModelsView'
import { useModelStatus } from './features/models/useModelStatus'
import { ProfileView } from './features/profile/ProfileView'
import { LorebooksView } from './features/lorebooks/LorebooksView'
import { SearchView } from './features/search/SearchView'
import { PhonePanel } from './features/pairing/PhonePanel'
import { useDrawer } from './layout/useDrawer'
import { screenTitle, type View } from './layout/screens'
import { Sidebar } from './layout/Sidebar'
import { useViewportHeight } from './layout/useViewportHeight'
import { GroupCards } from './features/groups/GroupCards'
import { GroupEditor } from './features/groups/GroupEditor'
import { blankGroupForm, formOf } from './features/groups/groupForm'
import { saveGroup } from './features/groups/saveGroup'
import { useGroups } from './features/groups/useGroups'

export function App(): React.JSX.Element {
  const model = useModelStatus()
  const [characters, setCharacters] = useState<Character[]>([])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [view, setView] = useState<View>({ name: 'chat' })
  // Lists that could not load, and the notice the service has at start-up (e.g. a restored backup).
  const notice = useAction()
  const { fail } = notice
  const [profile, setProfile] = useState<UserProfile | null>(null)
  /** A group chat is shown instead of the selected character's when set. */
  const [groupId, setGroupId] = useState<string | null>(null)
  const { groups, refresh: refreshGroups } = useGroups(fail)
  const drawer = useDrawer()
  useViewportHeight()

  const refresh = useCallback(() => {
    api.characters
      .list({})
      .then((list) => {
        setCharacters(list)
        setSelectedId((current) => (current && list.some((c) => c.id === current) ? current : (list[0]?.id ?? null)))
      })
      .catch(fail)
  }, [fail])

  useEffect(refresh, [refresh])
  useEffect(() => {
    api.profiles.get({}).then(setProfile, fail)
    api.app.info({}).then((info) => info.notice && fail(info.notice), fail)
  }, [fail])

  const selected = characters.find((c) => c.id === selectedId) ?? null
  const selectedGroup = groups.find((g) => g.id === groupId) ?? null
  // Made once per change, so the chat's memoised parts (the message list) are not redrawn on unrelated renders.
  const party = useMemo<ChatParty | null>(() => {
    if (selectedGroup) {
      const members = selectedGroup.characterIds.flatMap((id) => characters.filter((c) => c.id === id))
      return { kind: 'group', group: selectedGroup, members }
    }
    return selected ? { kind: 'character', character: selected } : null
  }, [selectedGroup, selected, characters])
  const isLoaded = model.status?.state === 'loaded'
  // Every navigation closes the drawer: on a phone the chosen screen should be what the user sees next.
  const go = (next: View): void => {
    setView(next)
    drawer.close()
  }
  const openChat = (id: string, target?: { chatId: string; messageId: string }): void => {
    setSelectedId(id)
    setGroupId(null)
    go({ name: 'chat', target })
  }
  const openGroup = (id: string, target?: { chatId: string; messageId: string }): void => {
    setGroupId(id)
    go({ name: 'chat', target })
  }
  const title = screenTitle(view, (selectedGroup ?? selected)?.name ?? null)

  return (
    <div className={drawer.isOpen ? 'app drawer-open' : 'app'}>
      <Sidebar
        view={view.name}
        profileName={profile?.name ?? null}
        model={model.status}
        drawer={drawer}
        onNavigate={(screen) => go({ name: screen })}
      >
        <CharacterList
          characters={characters}
          selectedId={view.name === 'chat' && !selectedGroup ? selectedId : null}
          onSelect={(id) => openChat(id)}
          groups={groups}
          selectedGroupId={view.name === 'chat' ? (selectedGroup?.id ?? null) : null}
          onSelectGroup={(id) => openGroup(id)}
        />
      </Sidebar>
      {drawer.isOpen && <div className="drawer-backdrop" data-testid="drawer-backdrop" onClick={drawer.close} />}
      <main className="content">
        <div className="topbar">
          <button
            className="ghost menu-button"
            aria-label="Open menu"
            aria-expanded={drawer.isOpen}
            aria-controls="sidebar"
            data-testid="drawer-toggle"
            onClick={drawer.toggle}
          >
            ☰
          </button>
          {/* The heading below says the same for screen readers, on every layout. */}
          <span className="topbar-title" aria-hidden="true">
            {title}
          </span>
          <span
            className={`dot ${model.status?.state ?? 'none'}`}
            title={isLoaded ? 'Model loaded' : 'No model loaded'}
          />
        </div>
        {/* One top-level heading per screen, for screen-reader navigation; the phone's top bar shows it visually. */}
        <h1 className="visually-hidden">{title}</h1>
        <ErrorNotice message={notice.error} onDismiss={notice.dismiss} />
        {view.name === 'models' && <ModelsView model={model} />}
        {view.name === 'profile' && <ProfileView onSaved={setProfile} />}
        {view.name === 'phone' && <PhonePanel />}
        {view.name === 'lorebooks' && <LorebooksView />}
        {view.name === 'gallery' && (
          <CharacterGallery
            characters={characters}
            onChanged={() => (refresh(), refreshGroups())}
            onChat={(id) => openChat(id)}
            onEdit={(character) => setView({ name: 'editor', character })}
            onCreate={() => setView({ name: 'editor', character: null })}
          >
            <GroupCards
              groups={groups}
              characters={characters}
              onChat={(id) => openGroup(id)}
              onEdit={(group) => setView({ name: 'group-editor', group })}
              onCreate={() => setView({ name: 'group-editor', group: null })}
              onChanged={refreshGroups}
            />
          </CharacterGallery>
        )}
        {view.name === 'group-editor' && (
          <GroupEditor
            key={view.group?.id ?? 'new'}
            characters={characters}
            initial={view.group ? formOf(view.group) : blankGroupForm()}
            isNew={view.group === null}
            onCancel={() => setView({ name: 'gallery' })}
            onSave={async (form) => {
              const saved = await saveGroup(form, view.group)
              refreshGroups()
              openGroup(saved.id)
            }}
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
        {view.name === 'search' && (
          <SearchView
            characters={characters}
            onOpen={(hit) => {
              const target = { chatId: hit.chatId, messageId: hit.messageId }
              if (hit.groupId) openGroup(hit.groupId, target)
              else if (hit.characterId) openChat(hit.characterId, target)
            }}
          />
        )}
        {view.name === 'chat' && party && (
          <ChatView
            key={`${party.kind === 'group' ? party.group.id : party.character.id}:${view.target?.messageId ?? ''}`}
            target={view.target}
            party={party}
            userName={profile?.name ?? 'You'}
            isModelLoaded={isLoaded}
            onOpenModels={() => setView({ name: 'models' })}
            onOpenElsewhere={(place) => {
              const target = { chatId: place.chatId, messageId: place.messageId }
              if (place.groupId) openGroup(place.groupId, target)
              else openChat(place.characterId, target)
            }}
            onGroupUpdated={refreshGroups}
          />
        )}
      </main>
    </div>
  )
}
