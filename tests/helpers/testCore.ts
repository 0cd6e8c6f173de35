import { buildConfig } from '../../src/main/config'
import { createCore, type Core, type CoreOptions } from '../../src/main/core'
import { CoreHost } from '../../src/main/CoreHost'
import { resourcesDir } from './sharedPaths'

const testConfig = (dataDir: string): ReturnType<typeof buildConfig> =>
  buildConfig({ dataDir, resourcesDir, threads: 1, gpu: false, maxContextSize: 2048, lanPort: 0 })

/** A real core on a temp data dir; one thread, as measured fastest for the tiny GGUFs on this machine. */
export async function createTestCore(dataDir: string, options: CoreOptions = {}): Promise<Core> {
  return createCore(testConfig(dataDir), options)
}

/** The same core held by a CoreHost, as the app runs it, so a backup can be restored into it. */
export function createTestHost(dataDir: string, options: CoreOptions = {}): Promise<CoreHost> {
  return CoreHost.open(testConfig(dataDir), options)
}
