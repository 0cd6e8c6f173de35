// `npm start`: the Electron app. Where Electron's binary is absent (offline install, headless server), say so and
// point to browser mode instead of failing with a stack trace.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

function electronBinary() {
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
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

const child = spawn(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'preview', ...process.argv.slice(2)], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
