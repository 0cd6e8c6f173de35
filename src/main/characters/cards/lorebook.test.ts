import { describe, expect, it } from 'vitest'
import { lorebookFromCard, lorebookToCard } from './lorebook'

/** A card book with every field the spec names, a foreign field at both levels and a non-empty extension. */
const fullCardBook = {
  name: 'Glade lore',
  description: 'Places of the forest',
  scan_depth: 4,
  token_budget: 512,
  recursive_scanning: true,
  extensions: { world: 'Glade' },
  homepage: 'x',
  entries: [
    {
      keys: ['glade', 7, 'forest'],
      secondary_keys: ['night'],
      content: 'The glade glows at night.',
      comment: 'glade',
      enabled: false,
      constant: true,
      selective: true,
      insertion_order: 5,
      case_sensitive: true,
      id: 3,
      position: 'before_char'
    }
  ]
}

const fullLorebook = {
  name: 'Glade lore',
  description: 'Places of the forest',
  scanDepth: 4,
  tokenBudget: 512,
  isRecursive: true,
  entries: [
    {
      keys: ['glade', 'forest'],
      secondaryKeys: ['night'],
      content: 'The glade glows at night.',
      comment: 'glade',
      isEnabled: false,
      isConstant: true,
      isSelective: true,
      insertionOrder: 5,
      caseSensitive: true,
      extra: { id: 3, position: 'before_char' }
    }
  ],
  extra: { homepage: 'x', extensions: { world: 'Glade' } }
}

describe('lorebookFromCard', () => {
  it('maps every spec field and keeps the foreign ones in extra', () => {
    expect(lorebookFromCard(fullCardBook)).toEqual(fullLorebook)
  })

  it('fills the defaults SillyTavern uses for missing or mistyped fields', () => {
    const book = lorebookFromCard({
      name: 5,
      description: null,
      scan_depth: '4',
      token_budget: '512',
      recursive_scanning: 'yes',
      extensions: {},
      entries: [null, 'text', { keys: 'glade', content: 3, comment: false, insertion_order: '1', enabled: 0 }]
    })
    expect(book).toEqual({
      name: '',
      description: '',
      scanDepth: null,
      tokenBudget: null,
      isRecursive: false,
      entries: [
        {
          keys: [],
          secondaryKeys: [],
          content: '',
          comment: '',
          isEnabled: true,
          isConstant: false,
          isSelective: false,
          insertionOrder: 100,
          caseSensitive: false,
          extra: {}
        }
      ],
      extra: {}
    })
  })

  it('reads a book without entries as empty, and no book as none', () => {
    expect(lorebookFromCard({ name: 'Empty', entries: 'none' })?.entries).toEqual([])
    expect(lorebookFromCard(null)).toBeNull()
    expect(lorebookFromCard(undefined)).toBeNull()
    expect(lorebookFromCard('book')).toBeNull()
    expect(lorebookFromCard({ extensions: 'x' })?.extra).toEqual({})
  })
})

describe('lorebookToCard', () => {
  it('writes every spec field back, foreign ones included', () => {
    const [entry] = fullCardBook.entries
    expect(lorebookToCard(fullLorebook)).toEqual({
      ...fullCardBook,
      entries: [{ ...entry, keys: ['glade', 'forest'] }]
    })
  })

  it('leaves out an unknown scan depth and token budget, and always writes extensions', () => {
    const card = lorebookToCard({ ...fullLorebook, scanDepth: null, tokenBudget: null, extra: {} })
    expect(card).not.toHaveProperty('scan_depth')
    expect(card).not.toHaveProperty('token_budget')
    expect(card.extensions).toEqual({})
  })

  it('writes a depth and budget of zero', () => {
    const card = lorebookToCard({ ...fullLorebook, scanDepth: 0, tokenBudget: 0 })
    expect(card.scan_depth).toBe(0)
    expect(card.token_budget).toBe(0)
  })
})
