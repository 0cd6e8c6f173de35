// `npm run serve -- [--port N] [--data-dir DIR] [--host ADDR]`: builds the app if needed, then runs the core in
// plain Node and serves the renderer over HTTP (browser mode).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newestMtime(dir) {
  let newest = 0
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const stats = statSync(path)
    newest = Math.max(newest, stats.isDirectory() ? newestMtime(path) : stats.mtimeMs)
  }
  return newest
}

const built = 'out/main/serve.js'
const isStale =
  !existsSync(built) || !existsSync('out/renderer/index.html') || newestMtime('src') > statSync(built).mtimeMs
if (isStale) {
  console.log('Building the app…')
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
const child = spawn(process.execPath, [built, ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
