import { buildConfig } from '../../src/main/config'
import { createCore, type Core, type CoreOptions } from '../../src/main/core'
import { resourcesDir } from './sharedPaths'

/** A real core on a temp data dir; one thread, as measured fastest for the tiny GGUFs on this machine. */
export async function createTestCore(dataDir: string, options: CoreOptions = {}): Promise<Core> {
  return createCore(buildConfig({ dataDir, resourcesDir, threads: 1, gpu: false, maxContextSize: 2048 }), options)
}
