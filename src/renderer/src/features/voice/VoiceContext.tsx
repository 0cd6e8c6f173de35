import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react'
import { createVoiceEngine } from './createVoiceEngine'
import { loadSystemVoices } from './systemSpeech'
import { VoicePlayer, type VoicePlayerState } from './VoicePlayer'

const VoiceContext = createContext<VoicePlayer | null>(null)

/** Gives the whole app one VoicePlayer, so a reply that starts speaking silences any other. */
export function VoiceProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const [player] = useState(() => new VoicePlayer(createVoiceEngine()))
  // The system's voice list is filled asynchronously (on Linux speech-dispatcher is started for it): ask early, so
  // the first reply read aloud does not wait for it.
  useEffect(() => void loadSystemVoices(), [])
  return <VoiceContext.Provider value={player}>{children}</VoiceContext.Provider>
}

export function useVoicePlayer(): VoicePlayer {
  const player = useContext(VoiceContext)
  if (!player) throw new Error('useVoicePlayer needs a VoiceProvider above it.')
  return player
}

/** The player's state; re-renders the caller when speaking starts or stops. */
export function useVoiceState(): VoicePlayerState {
  const player = useVoicePlayer()
  return useSyncExternalStore(player.subscribe, player.getState)
}
