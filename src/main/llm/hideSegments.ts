import type { ChatWrapper } from 'node-llama-cpp'

/** A stretch of a reply that is not for the reader, such as a reasoning model's thoughts (<think>…</think>). */
export interface HiddenSegment {
  open: string
  /** Empty: it runs to the end of the reply. */
  close: string
}

/** The chat template's hidden segments (thought, comment), as the text they appear as with special tokens shown. */
export function hiddenSegmentsOf(wrapper: ChatWrapper): {
  segments: HiddenSegment[]
  openAtStart: (promptEnd: string) => HiddenSegment | null
} {
  const defined = wrapper.settings.segments
  const segments: HiddenSegment[] = []
  let startsOpen: HiddenSegment | null = null
  const thought = defined?.thought
  if (thought) {
    const close = thought.suffix?.toString() ?? ''
    if (typeof thought.prefix === 'object' && 'type' in thought.prefix) startsOpen = { open: '', close }
    else segments.push({ open: thought.prefix.toString(), close })
  }
  if (defined?.comment)
    segments.push({ open: defined.comment.prefix.toString(), close: defined.comment.suffix?.toString() ?? '' })
  return {
    segments: segments.filter((s) => s.open.length > 0),
    // A template may open the thought itself at the start of the reply turn; the model then only writes its end.
    openAtStart: (promptEnd) =>
      startsOpen ?? segments.find((s) => s.open.trim() && promptEnd.trimEnd().endsWith(s.open.trim())) ?? null
  }
}

/**
 * The visible part of a reply: without its hidden segments (an unclosed one hides the rest), and without the
 * whitespace around a segment the reply starts with. LlamaChat keeps these out of the response text too.
 */
export function hideSegments(
  text: string,
  segments: readonly HiddenSegment[],
  openAtStart: HiddenSegment | null = null
): string {
  let visible = ''
  let at = 0
  let open = openAtStart
  let leadsWithHidden = false
  while (at <= text.length) {
    if (open) {
      leadsWithHidden ||= visible.trim() === ''
      const end = open.close ? text.indexOf(open.close, at) : -1
      if (end < 0) break
      at = end + open.close.length
      open = null
      continue
    }
    let next: { index: number; segment: HiddenSegment } | null = null
    for (const segment of segments) {
      const index = text.indexOf(segment.open, at)
      if (index >= 0 && (next === null || index < next.index)) next = { index, segment }
    }
    if (!next) {
      visible += text.slice(at)
      break
    }
    visible += text.slice(at, next.index)
    at = next.index + next.segment.open.length
    open = next.segment
  }
  return leadsWithHidden ? visible.replace(/^\s+/, '') : visible
}
