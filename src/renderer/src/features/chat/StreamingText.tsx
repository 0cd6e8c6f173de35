import { useSyncExternalStore } from 'react'
import type { StreamText } from './StreamText'

/** The growing reply: the only component that re-renders per token. */
export function StreamingText({ store, prefix }: { store: StreamText; prefix: string }): React.JSX.Element {
  const text = useSyncExternalStore(store.subscribe, store.get)
  return (
    <>
      {prefix + text}
      <span className="cursor">▍</span>
    </>
  )
}
