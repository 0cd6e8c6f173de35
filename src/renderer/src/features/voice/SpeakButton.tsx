interface Props {
  isSpeaking: boolean
  onSpeak: () => void
  onStop: () => void
}

/** Play/stop for one reply. */
export function SpeakButton({ isSpeaking, onSpeak, onStop }: Props): React.JSX.Element {
  return (
    <button
      className={isSpeaking ? 'small' : 'ghost small'}
      data-testid={isSpeaking ? 'stop-speaking' : 'speak'}
      aria-label={isSpeaking ? 'Stop reading aloud' : 'Read aloud'}
      title={isSpeaking ? 'Stop reading aloud' : 'Read aloud'}
      onClick={isSpeaking ? onStop : onSpeak}
    >
      {isSpeaking ? '■' : '▶'}
    </button>
  )
}
