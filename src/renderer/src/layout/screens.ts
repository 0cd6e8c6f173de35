import type { Character, Group } from '../../../shared/domain'

/** A screen of the app: what the main area shows. */
export type View =
  /** `target`: open that chat scrolled to that message (a search hit). */
  | { name: 'chat'; target?: { chatId: string; messageId: string } }
  | { name: 'search' }
  | { name: 'models' }
  | { name: 'gallery' }
  | { name: 'profile' }
  | { name: 'phone' }
  | { name: 'lorebooks' }
  | { name: 'editor'; character: Character | null }
  | { name: 'group-editor'; group: Group | null }

const TITLES: Record<Exclude<View['name'], 'chat'>, string> = {
  search: 'Search',
  models: 'Models',
  gallery: 'Characters',
  profile: 'You',
  phone: 'Use on your phone',
  lorebooks: 'Lorebooks',
  editor: 'Characters',
  'group-editor': 'Group'
}

/** The screen's heading (and the phone's top bar): a chat is titled after whom it is with. */
export function screenTitle(view: View, chatName: string | null): string {
  return view.name === 'chat' ? (chatName ?? 'Chat') : TITLES[view.name]
}
