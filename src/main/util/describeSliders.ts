import { TRAIT_AXES, type TraitSliders } from '../../shared/domain'

/**
 * Sliders in words a model understands ("very sarcastic", "somewhat shy"); numbers mean little to a small LLM.
 * Values near the middle say nothing, so they are left out.
 */
export function describeSliders(sliders: TraitSliders): string[] {
  const phrases: string[] = []
  for (const axis of TRAIT_AXES) {
    const value = sliders[axis.key]
    const distance = Math.abs(value - 50)
    if (distance < 15) continue
    const pole = value > 50 ? axis.high : axis.low
    const degree = distance >= 40 ? 'extremely' : distance >= 28 ? 'very' : 'somewhat'
    phrases.push(`${degree} ${pole}`)
  }
  return phrases
}
