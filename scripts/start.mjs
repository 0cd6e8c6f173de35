// `npm start`: the Electron app. Where Electron's binary is absent (offline install, headless server), say so and
// point to browser mode instead of failing with a stack trace.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Reads Electron's own install record instead of require('electron'), which would try to download the binary. */
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'))
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

if (!electronBinary()) {
  console.error(
    [
      'Electron is not installed on this machine (its binary could not be downloaded, or ELECTRON_SKIP_BINARY_DOWNLOAD was set).',
      'Run the same app in your browser instead:',
      '',
      '    npm run serve',
      '',
      'then open the address it prints. To get the desktop window, reinstall with network access: npm install'
    ].join('\n')
  )
  process.exit(1)
}

const child = spawn(
  process.execPath,
  ['node_modules/electron-vite/bin/electron-vite.js', 'preview', ...process.argv.slice(2)],
  { stdio: 'inherit' }
)
child.on('exit', (code) => process.exit(code ?? 0))
