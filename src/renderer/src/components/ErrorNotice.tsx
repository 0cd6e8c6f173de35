interface Props {
  message: string | null
  onDismiss?: () => void
}

/** An error a person can read, with a way to close it. */
export function ErrorNotice({ message, onDismiss }: Props): React.JSX.Element | null {
  if (!message) return null
  return (
    <div className="error-notice" role="alert" data-testid="error">
      <span>{message}</span>
      {onDismiss && (
        <button className="ghost" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  )
}
