import { TRAIT_AXES, type TraitSliders } from '../../../../shared/domain'

interface Props {
  sliders: TraitSliders
  onChange: (sliders: TraitSliders) => void
}

export function SliderPanel({ sliders, onChange }: Props): React.JSX.Element {
  return (
    <div className="sliders" data-testid="sliders">
      {TRAIT_AXES.map((axis) => (
        <label key={axis.key} className="slider">
          <span className="slider-pole">{axis.low}</span>
          <input
            type="range"
            min={0}
            max={100}
            value={sliders[axis.key]}
            aria-label={`${axis.low} to ${axis.high}`}
            data-testid={`slider-${axis.key}`}
            onChange={(e) => onChange({ ...sliders, [axis.key]: Number(e.target.value) })}
          />
          <span className="slider-pole">{axis.high}</span>
        </label>
      ))}
    </div>
  )
}
