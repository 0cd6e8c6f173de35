import { useEffect, useRef } from 'react'
import type { ModelStatus } from '../../../shared/domain'
import type { Drawer } from './useDrawer'
import type { View } from './screens'

/** The screens reached from the sidebar's menu, in its order. */
type NavScreen = 'search' | 'gallery' | 'lorebooks' | 'profile' | 'models' | 'phone'
const NAV: { screen: NavScreen; label: string; testId: string }[] = [
  { screen: 'search', label: 'Search', testId: 'nav-search' },
  { screen: 'gallery', label: 'Characters', testId: 'nav-characters' },
  { screen: 'lorebooks', label: 'Lorebooks', testId: 'nav-lorebooks' },
  { screen: 'profile', label: 'You', testId: 'nav-profile' },
  { screen: 'models', label: 'Models', testId: 'nav-models' },
  { screen: 'phone', label: 'Use on your phone', testId: 'nav-phone' }
]

interface Props {
  view: View['name']
  /** The user's name, shown on the "You" entry once known. */
  profileName: string | null
  model: ModelStatus | null
  drawer: Drawer
  onNavigate: (screen: NavScreen) => void
  /** The characters and groups to chat with. */
  children: React.ReactNode
}

/** The app's navigation: whom to chat with, the other screens and the loaded model; a drawer on narrow screens. */
export function Sidebar({ view, profileName, model, drawer, onNavigate, children }: Props): React.JSX.Element {
  const closeRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (drawer.isOpen) closeRef.current?.focus()
  }, [drawer.isOpen])
  return (
    <aside id="sidebar" className="sidebar" aria-label="Navigation">
      <div className="row sidebar-head">
        <div className="brand">Ai Anime</div>
        <button
          ref={closeRef}
          className="ghost drawer-close"
          aria-label="Close menu"
          data-testid="drawer-close"
          onClick={drawer.close}
        >
          ✕
        </button>
      </div>
      {children}
      <nav className="sidebar-nav">
        {NAV.map(({ screen, label, testId }) => (
          <button
            key={screen}
            className={view === screen ? 'active' : 'ghost'}
            data-testid={testId}
            onClick={() => onNavigate(screen)}
          >
            {screen === 'profile' && profileName ? `You · ${profileName}` : label}
          </button>
        ))}
      </nav>
      <div className="model-pill" data-testid="model-pill">
        <span className={`dot ${model?.state ?? 'none'}`} />
        {model?.state === 'loaded'
          ? (model.metadata?.name ?? model.metadata?.fileName)
          : model?.state === 'loading'
            ? 'Loading…'
            : 'No model'}
      </div>
    </aside>
  )
}
