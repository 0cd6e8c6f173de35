export function ProgressBar({ value, label }: { value: number; label: string }): React.JSX.Element {
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100)
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
      <span className="progress-label">
        {label} {percent}%
      </span>
    </div>
  )
}
