import * as lancedb from '@lancedb/lancedb'
import { Field, FixedSizeList, Float32, Schema, Utf8 } from 'apache-arrow'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'

export interface IndexRow {
  id: string
  /** `characterId|userId`: every search is confined to one owner. */
  owner: string
  text: string
  vector: Float32Array
}

export interface ScoredId {
  id: string
  score: number
}

export interface OpenedIndex {
  index: VectorIndex
  /** Why the index must be refilled from SQLite (outdated: another embedding model or index format), or null when it opened intact. */
  rebuildReason: 'new' | 'corrupt' | 'outdated' | null
}

const TABLE = 'memories'
/** Bumped when what is indexed or how changes, so older index folders are rebuilt from SQLite on open. */
const INDEX_VERSION = 2
/**
 * Everyday chat words carry no topic: dropping them lets BM25 weigh the words that do. Stemming matches "painted"
 * to "painting". Measured on LoCoMo dev: BM25 evidence recall@10 0.53 -> 0.62.
 */
const STOP_WORDS = (
  'a an the and or but if then so of to in on at for with by from about as is are was were be been being am do does did doing have has had ' +
  'having i me my mine you your yours he him his she her hers it its we us our they them their what which who whom whose when where why how ' +
  'this that these those there here not no yes can could would should will shall may might must just also too very really much many more most ' +
  'some any all each every other such own same than into over under again further once up down out off only both few nor s t don now ever ' +
  'still get got go going went like yeah oh wow hey'
).split(' ')
/** Below this many rows a flat scan is faster than an ANN index (measured: ~7 ms p50 at 20k x 64 dims). */
const ANN_THRESHOLD = 20_000
/** Vector candidates taken from an ANN search at most. */
const ANN_MAX_DEPTH = 40

export function ownerKey(characterId: string, userId: string): string {
  return `${characterId}|${userId}`
}

/** LanceDB: vectors + a BM25 full-text index over memory text. A derived store: SQLite holds the truth. */
export class VectorIndex {
  private hasFtsIndex = false
  private hasAnnIndex = false

  /** Set on a new index until markFilled. */
  private pendingMeta: { file: string; meta: string } | null = null

  private constructor(
    private readonly db: lancedb.Connection,
    private table: lancedb.Table,
    private readonly dims: number
  ) {}

  /**
   * Opens the folder; a damaged folder is moved aside (kept for inspection) and a fresh index is made. `isFresh`
   * empties it whatever it holds (an embedding switch refills every row: on a kept table they would be there twice).
   */
  static async open(dir: string, dims: number, embedderId: string, isFresh = false): Promise<OpenedIndex> {
    await mkdir(dir, { recursive: true })
    const metaFile = join(dir, 'index.json')
    const expected = JSON.stringify({ embedderId, dims, version: INDEX_VERSION })
    const hadMeta = existsSync(metaFile)
    let reason: OpenedIndex['rebuildReason'] = null
    try {
      if (hadMeta && (await readFile(metaFile, 'utf8')) !== expected) reason = 'outdated'
      const db = await lancedb.connect(dir)
      const names = await db.tableNames()
      if (!hadMeta || reason || isFresh || !names.includes(TABLE)) {
        reason ??= 'new'
        return { index: await VectorIndex.create(db, dims, metaFile, expected), rebuildReason: reason }
      }
      const table = await db.openTable(TABLE)
      await table.countRows()
      await table.query().limit(1).toArray()
      const index = new VectorIndex(db, table, dims)
      const indices = await table.listIndices()
      index.hasFtsIndex = indices.some((i) => i.columns.includes('text'))
      index.hasAnnIndex = indices.some((i) => i.columns.includes('vector'))
      return { index, rebuildReason: null }
    } catch (cause) {
      const aside = `${dir}.corrupt-${Date.now()}`
      console.warn(
        `[memory] the memory index in ${dir} could not be read; moved to ${aside} and rebuilding from the database.`,
        cause
      )
      await rename(dir, aside).catch((error: unknown) => {
        throw new AppError('INTERNAL', `The memory index at ${dir} is damaged and could not be moved aside.`, {
          cause: error
        })
      })
      await mkdir(dir, { recursive: true })
      const db = await lancedb.connect(dir)
      return { index: await VectorIndex.create(db, dims, metaFile, expected), rebuildReason: 'corrupt' }
    }
  }

  private static async create(
    db: lancedb.Connection,
    dims: number,
    metaFile: string,
    meta: string
  ): Promise<VectorIndex> {
    const schema = new Schema([
      new Field('id', new Utf8(), false),
      new Field('owner', new Utf8(), false),
      new Field('text', new Utf8(), false),
      new Field('vector', new FixedSizeList(dims, new Field('item', new Float32(), true)), false)
    ])
    // A record left from before would vouch for a table that is refilled only now.
    await rm(metaFile, { force: true })
    const table = await db.createEmptyTable(TABLE, schema, { mode: 'overwrite' })
    const index = new VectorIndex(db, table, dims)
    index.pendingMeta = { file: metaFile, meta }
    return index
  }

  /**
   * Records the index as complete (its embedder and version), once the refill from SQLite has ended: an index left
   * half-filled (the app quit or crashed during a refill) has no record, so the next start refills it again.
   */
  async markFilled(): Promise<void> {
    if (!this.pendingMeta) return
    await writeFile(this.pendingMeta.file, this.pendingMeta.meta)
    this.pendingMeta = null
  }

  async add(rows: readonly IndexRow[]): Promise<void> {
    if (rows.length === 0) return
    for (const row of rows)
      if (row.vector.length !== this.dims)
        throw new AppError('INTERNAL', `Vector of ${row.vector.length} dims for a ${this.dims}-dim index.`)
    await this.table.add(
      rows.map((row) => ({ id: row.id, owner: row.owner, text: row.text, vector: Array.from(row.vector) }))
    )
    if (!this.hasFtsIndex) {
      await this.table.createIndex('text', {
        config: lancedb.Index.fts({
          withPosition: false,
          lowercase: true,
          stem: true,
          language: 'English',
          removeStopWords: true,
          customStopWords: STOP_WORDS,
          asciiFolding: true
        })
      })
      this.hasFtsIndex = true
    }
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    await this.table.delete(`id IN (${ids.map(quote).join(', ')})`)
  }

  async removeOwner(owner: string): Promise<void> {
    await this.table.delete(`owner = ${quote(owner)}`)
  }

  /** Nearest rows by cosine; score = cosine similarity, best first. */
  async searchVector(owner: string, vector: Float32Array, limit: number): Promise<ScoredId[]> {
    // Past ANN_THRESHOLD rows the ANN candidates are approximate anyway, and the latency budget (25 ms p95 at 100k) is tight.
    const depth = this.hasAnnIndex ? Math.min(limit, ANN_MAX_DEPTH) : limit
    let query = this.table
      .vectorSearch(Array.from(vector))
      .distanceType('cosine')
      .where(`owner = ${quote(owner)}`)
      .limit(depth)
      .select(['id', '_distance'])
    // 16 of ~sqrt(rows) partitions, re-scored exactly at twice the limit: about 2 ms less than 24/4 at 100k rows.
    if (this.hasAnnIndex) query = query.nprobes(16).refineFactor(2)
    const rows = await query.toArray()
    return rows.map((row: { id: string; _distance: number }) => ({ id: row.id, score: 1 - row._distance }))
  }

  /** BM25 over the memory text (stemmed, chat stop words dropped); score = BM25, best first. */
  async searchText(owner: string, text: string, limit: number): Promise<ScoredId[]> {
    const terms = text.replace(/[^\p{L}\p{N}\s']/gu, ' ').trim()
    if (!terms || !this.hasFtsIndex) return []
    const rows = await this.table
      .query()
      .fullTextSearch(terms)
      .where(`owner = ${quote(owner)}`)
      .limit(limit)
      .select(['id', '_score'])
      .toArray()
    return rows.map((row: { id: string; _score: number }) => ({ id: row.id, score: row._score }))
  }

  count(): Promise<number> {
    return this.table.countRows()
  }

  async ids(): Promise<string[]> {
    // A plain query may stop at a default limit: ask for every row.
    const all = await this.table.countRows()
    const rows = await this.table.query().select(['id']).limit(Math.max(1, all)).toArray()
    return rows.map((row: { id: string }) => row.id)
  }

  /** Folds new rows into the indexes; adds the ANN vector index and the owner index once the table is large. */
  async optimize(): Promise<void> {
    const rows = await this.table.countRows()
    if (!this.hasAnnIndex && rows >= ANN_THRESHOLD) {
      await this.table.createIndex('owner', { config: lancedb.Index.bitmap() })
      await this.table.createIndex('vector', {
        config: lancedb.Index.ivfPq({
          numPartitions: Math.max(16, Math.round(Math.sqrt(rows))),
          numSubVectors: Math.max(1, this.dims / 8),
          distanceType: 'cosine'
        })
      })
      this.hasAnnIndex = true
    }
    await this.table.optimize()
  }

  close(): void {
    this.table.close()
    this.db.close()
  }
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}
