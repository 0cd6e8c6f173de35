/** speech: the character's words; action: `*smiles*`; ooc: `((out of character))`. A setting skips or narrates the last two. */
export type SpeakableKind = 'speech' | 'action' | 'ooc'

export interface Speakable {
  kind: SpeakableKind
  text: string
}

type Mode = SpeakableKind | 'code'

const TERMINALS = '.!?…'
const CLOSERS = '"\'”’)]»」』'
/** Words whose period never ends a sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'e.g', 'i.e', 'cf', 'approx'])
/** Needs more text before it can be decided. */
const WAIT = -1

/**
 * Splits a streaming reply into speakable pieces for text-to-speech: push each token delta and get every sentence as
 * soon as it is complete (so speech starts at the end of the first sentence), then flush at the end of the reply.
 * Fenced code is skipped; actions and OOC are separate pieces. Every decision waits for the characters it depends on,
 * so the pieces are the same however the text is cut into deltas.
 */
export class SpeakableSplitter {
  private buffer = ''
  private mode: Mode = 'speech'
  private current = ''
  private out: Speakable[] = []

  push(delta: string): Speakable[] {
    this.buffer += delta
    return this.run(false)
  }

  /** The end of the reply: whatever is left is a piece (an unclosed action or OOC keeps its kind). */
  flush(): Speakable[] {
    const pieces = this.run(true)
    if (this.mode !== 'code') this.end(this.mode)
    pieces.push(...this.take())
    this.mode = 'speech'
    this.current = ''
    return pieces
  }

  private run(isFinal: boolean): Speakable[] {
    const text = this.buffer
    let at = 0
    while (at < text.length) {
      const next = this.step(text, at, isFinal)
      if (next === WAIT) break
      at = next
    }
    this.buffer = text.slice(at)
    return this.take()
  }

  private take(): Speakable[] {
    const pieces = this.out
    this.out = []
    return pieces
  }

  private step(text: string, at: number, isFinal: boolean): number {
    const char = text[at] ?? ''
    const hasNext = at + 1 < text.length
    if (this.mode === 'code') {
      if (text.startsWith('```', at)) {
        this.mode = 'speech'
        return at + 3
      }
      return !isFinal && text.length - at < 3 && '```'.startsWith(text.slice(at)) ? WAIT : at + 1
    }
    if (this.mode === 'action') {
      if (char === '*') {
        this.end('action')
        this.mode = 'speech'
      } else this.current += char
      return at + 1
    }
    if (this.mode === 'ooc') {
      if (char === ')' && !hasNext && !isFinal) return WAIT
      if (char === ')' && text[at + 1] === ')') {
        this.end('ooc')
        this.mode = 'speech'
        return at + 2
      }
      this.current += char
      return at + 1
    }
    if (char === '`') {
      if (text.startsWith('```', at)) {
        this.end('speech')
        this.mode = 'code'
        return at + 3
      }
      if (!isFinal && text.length - at < 3 && '```'.startsWith(text.slice(at))) return WAIT
      // Inline code marks are not spoken; the words inside are.
      return at + 1
    }
    if ((char === '(' || char === '*') && !hasNext && !isFinal) return WAIT
    if (char === '(' && text[at + 1] === '(') {
      this.end('speech')
      this.mode = 'ooc'
      return at + 2
    }
    if (char === '*') {
      // **bold** is emphasis, not an action: the marks are dropped.
      if (text[at + 1] === '*') return at + 2
      this.end('speech')
      this.mode = 'action'
      return at + 1
    }
    if (char === '\n') {
      this.end('speech')
      return at + 1
    }
    if (TERMINALS.includes(char)) return this.terminal(text, at, isFinal)
    this.current += char
    return at + 1
  }

  /** Terminal punctuation: a run of it, closing quotes or brackets, then a sentence ends unless the context says not. */
  private terminal(text: string, at: number, isFinal: boolean): number {
    let end = at
    while (end < text.length && TERMINALS.includes(text[end] ?? '')) end++
    const punctuation = text.slice(at, end)
    while (end < text.length && CLOSERS.includes(text[end] ?? '')) end++
    if (end >= text.length && !isFinal) return WAIT
    let following = end
    while (following < text.length && (text[following] === ' ' || text[following] === '\t')) following++
    const attached = text[end]
    const next = text[following]
    const word = lastWord(this.current)
    const isEllipsis = punctuation === '…' || punctuation.startsWith('..')
    // Only these depend on the next word; any other ending is given at once, so speech can start.
    const needsNextWord = isEllipsis || (punctuation === '.' && word === 'etc')
    if (needsNextWord && following >= text.length && !isFinal) return WAIT
    this.current += text.slice(at, end)
    // "3.14", "e.g", "wait...what": punctuation inside a word is not an ending; "end.*waves*" is.
    if (attached !== undefined && following === end && !'\n*(`'.includes(attached)) return end
    if (punctuation === '.' && ABBREVIATIONS.has(word)) return end
    if (punctuation === '.' && word === 'etc' && next !== undefined && /\p{Ll}/u.test(next)) return end
    // "Well... maybe" trails off inside one sentence; "Well... Maybe" starts another.
    if (isEllipsis && next !== undefined && /\p{Ll}/u.test(next)) return end
    this.end('speech')
    return following
  }

  private end(kind: SpeakableKind): void {
    const text = this.current.replace(/\s+/g, ' ').trim()
    this.current = ''
    // Punctuation alone ("...", "—") has nothing to say.
    if (/[\p{L}\p{N}]/u.test(text)) this.out.push({ kind, text })
  }
}

/** The whole text at once: the same pieces the streaming splitter gives. */
export function splitSpeakable(text: string): Speakable[] {
  const splitter = new SpeakableSplitter()
  return [...splitter.push(text), ...splitter.flush()]
}

function lastWord(text: string): string {
  const match = /([\p{L}.]+)$/u.exec(text)
  return (match?.[1] ?? '').replace(/^\.+/, '').toLowerCase()
}
