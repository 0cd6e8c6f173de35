import { spawnSync } from 'node:child_process'

/** A named pipe at `path` (Node has no mkfifo): opening it for reading blocks until a writer comes. */
export function mkfifoSync(path: string): void {
  const result = spawnSync('mkfifo', [path])
  if (result.status !== 0) throw new Error(`mkfifo failed: ${result.stderr.toString()}`)
}
