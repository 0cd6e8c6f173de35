import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * axe-core's WCAG 2.2 A and AA rules on the page as it is now, plus "one top-level heading" (a best-practice rule
 * screen-reader users navigate by). Other best-practice extras (landmark nesting) are not pass/fail here. The page's
 * context needs `bypassCSP: true`, since axe is injected as a script.
 */
export async function expectAxeClean(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  const headings = await new AxeBuilder({ page }).withRules(['page-has-heading-one']).analyze()
  const violations = [...result.violations, ...headings.violations].map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
  )
  expect({ screen, violations }).toEqual({ screen, violations: [] })
}
