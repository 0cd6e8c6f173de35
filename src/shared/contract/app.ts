/** The contract's app part: inputs, results and the app.* methods. */

export interface AppInfoResult {
  version: string
  dataDir: string
  modelsDir: string
  transport: 'electron' | 'http'
  /** Something to tell the user once at start (e.g. a rebuilt memory index), or null. */
  notice: string | null
}

export interface AppApi {
  info(input: Record<string, never>): Promise<AppInfoResult>
}
