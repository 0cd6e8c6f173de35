interface Props {
  value: number
  onChange: (scale: number) => void
  /** For screen readers, where no visible label wraps the slider. */
  label?: string
}

/** How strongly a LoRA adapter applies, 0 to 1. */
export function LoraScale({ value, onChange, label }: Props): React.JSX.Element {
  return (
    <input
      type="range"
      min={0}
      max={1}
      step={0.05}
      value={value}
      aria-label={label}
      onChange={(e) => onChange(Number(e.target.value))}
    />
  )
}
