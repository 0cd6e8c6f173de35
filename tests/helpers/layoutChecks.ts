import type { Page } from 'playwright-core'

// Run inside the page, so written as source text: the Node test project has no DOM types.

const HORIZONTAL_OVERFLOW = `(() => {
  const width = window.innerWidth
  const problems = []
  const describe = (el) =>
    el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.') + ' ' + (el.getAttribute('data-testid') || '')
  if (document.documentElement.scrollWidth > width) problems.push('document ' + document.documentElement.scrollWidth + 'px')
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue
    const rect = el.getBoundingClientRect()
    if (rect.width > 0 && rect.right > width + 1) problems.push(describe(el) + ' ends at ' + Math.round(rect.right) + 'px')
    const overflowX = getComputedStyle(el).overflowX
    const isTextBox = ['TEXTAREA', 'INPUT', 'SELECT'].includes(el.tagName)
    if (!isTextBox && (overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1)
      problems.push(describe(el) + ' scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ')')
  }
  return problems
})()`

const SMALL_TARGETS = `(() => {
  const small = []
  const selector = 'button, select, label.button, input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=file])'
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue
    const rect = el.getBoundingClientRect()
    const needsWidth = el.tagName === 'BUTTON' || el.tagName === 'LABEL'
    if (rect.height < 43.5 || (needsWidth && rect.width < 43.5)) {
      const name = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30)
      small.push(el.tagName.toLowerCase() + ' "' + name + '" ' + Math.round(rect.width) + 'x' + Math.round(rect.height))
    }
  }
  return small
})()`

/**
 * Everything that makes the page wider than the screen: the document itself, a visible element past the right edge,
 * or a box that scrolls sideways (the views scroll inside themselves, so the document alone would not show it).
 */
export function findHorizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(HORIZONTAL_OVERFLOW)
}

/** Visible controls smaller than a fingertip: 44 x 44 px (WCAG 2.5.5); text fields and selects need the height. */
export function findSmallTargets(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(SMALL_TARGETS)
}

/** Whether the element matching `selector` is shown (not hidden by display or visibility). */
export function isVisible(page: Page, selector: string): Promise<boolean> {
  return page.evaluate<boolean>(
    `document.querySelector(${JSON.stringify(selector)})?.checkVisibility({ visibilityProperty: true }) === true`
  )
}

/** Whether keyboard focus is inside the element matching `selector`. */
export function hasFocusWithin(page: Page, selector: string): Promise<boolean> {
  return page.evaluate<boolean>(`document.activeElement?.closest(${JSON.stringify(selector)}) != null`)
}
