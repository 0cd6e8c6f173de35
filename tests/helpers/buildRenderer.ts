import { execFileSync } from 'node:child_process'

/** vitest globalSetup of the e2e project: build main, preload and renderer once, as `npm run serve` runs them. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
  })
}
