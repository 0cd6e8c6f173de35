/**
 * Whether a parsed JSON value stays within a nesting depth and a value count. Iterative on purpose: the values it
 * guards against (objects nested thousands deep in a card's extensions) overflow the stack of anything recursive,
 * including a recursive check.
 */
export function isJsonWithin(value: unknown, limits: { maxDepth: number; maxNodes: number }): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  let nodes = 0
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (++nodes > limits.maxNodes) return false
    if (current === null || typeof current !== 'object') continue
    if (depth >= limits.maxDepth) return false
    for (const child of Object.values(current as Record<string, unknown>)) stack.push([child, depth + 1])
  }
  return true
}
