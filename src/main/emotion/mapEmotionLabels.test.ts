import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { EKMAN_LABELS, FINE_LABELS } from './labels'
import { fineLabelOf, mapEmotionLabels } from './mapEmotionLabels'

describe('mapEmotionLabels', () => {
  it('keeps GoEmotions and Ekman labels as they are, whatever their case or separators', () => {
    expect(mapEmotionLabels(FINE_LABELS)).toEqual([...FINE_LABELS])
    expect(mapEmotionLabels(EKMAN_LABELS.map((l) => l.toUpperCase()))).toEqual([...EKMAN_LABELS])
    expect(fineLabelOf(' Joy ')).toBe('joy')
    expect(fineLabelOf('no_emotion')).toBe('neutral')
  })

  it('maps other spellings of the same feelings', () => {
    expect(mapEmotionLabels(['happiness', 'sad', 'angry', 'scared', 'surprised', 'disgusted', 'love'])).toEqual([
      'joy',
      'sadness',
      'anger',
      'fear',
      'surprise',
      'disgust',
      'love'
    ])
  })

  it('refuses labels that are not emotions, naming only those', () => {
    let error: unknown = null
    try {
      mapEmotionLabels(['LABEL_0', 'joy', 'LABEL_2'])
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/LABEL_0, LABEL_2\./)
    expect(() => mapEmotionLabels(['joy'])).toThrow(/no emotion labels/)
    expect(() => mapEmotionLabels([])).toThrow(AppError)
  })
})
