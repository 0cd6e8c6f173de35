import { versions1to4 } from './migrations/versions1to4'
import { versions5to8 } from './migrations/versions5to8'
import { versions9on } from './migrations/versions9on'

/** Versioned schema migrations, applied in order inside one transaction each. Never edit a published one; add a new version. */
export interface Migration {
  version: number
  name: string
  sql: string
  /**
   * The migration rebuilds a table other tables reference (SQLite cannot drop a NOT NULL in place): foreign keys are
   * off while it runs, so dropping the old table does not cascade into its children, and checked before it commits.
   */
  rebuildsTables?: boolean
}

/**
 * Every version, in order; each group file holds a run of them. A new version goes at the end of the newest group
 * (versions9on), or in a new group file listed here once that one grows past ~200 lines.
 */
export const migrations: Migration[] = [...versions1to4, ...versions5to8, ...versions9on]
