/** Multi-label macro-F1: per-class F1 from TP/FP/FN over all rows, averaged over classes. */
export function macroF1(
  gold: readonly ReadonlySet<number>[],
  predicted: readonly ReadonlySet<number>[],
  classes: number
): { macro: number; perClass: number[] } {
  const perClass: number[] = []
  for (let c = 0; c < classes; c++) {
    let tp = 0
    let fp = 0
    let fn = 0
    for (let i = 0; i < gold.length; i++) {
      const isGold = gold[i]!.has(c)
      const isPredicted = predicted[i]!.has(c)
      if (isGold && isPredicted) tp++
      else if (isPredicted) fp++
      else if (isGold) fn++
    }
    perClass.push(tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn))
  }
  return { macro: perClass.reduce((a, b) => a + b, 0) / classes, perClass }
}
