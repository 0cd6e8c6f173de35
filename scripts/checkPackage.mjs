// `npm run check:package`: packages the app as electron-builder does for users (linux dir target) and checks that
// every native module the main process needs is unpacked from the asar, where Node can load it. Electron's own
// binary cannot be downloaded on an offline machine, so a stand-in Electron folder takes its place: the check is
// about our files, not Electron's. Not part of `npm test`: it writes about a gigabyte.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const REQUIRED = [
  'node-llama-cpp',
  'better-sqlite3/build/Release/better_sqlite3.node',
  '@lancedb',
  'sharp',
  'onnxruntime-node/bin',
  'onnxruntime-common',
  '@huggingface/transformers/dist/transformers.node.cjs',
  'sherpa-onnx-node',
  // The check packages for Linux x64, so that is the platform package with the voice addon and its libraries.
  'sherpa-onnx-linux-x64/sherpa-onnx.node'
]

const run = (command, args) => {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const fakeElectron = mkdtempSync(join(tmpdir(), 'ai-anime-electron-'))
writeFileSync(join(fakeElectron, 'electron'), '')
mkdirSync(join(fakeElectron, 'resources'))
const output = mkdtempSync(join(tmpdir(), 'ai-anime-package-'))
try {
  const electronVersion = JSON.parse(
    spawnSync(process.execPath, ['-p', 'JSON.stringify(require("electron/package.json").version)'], {
      encoding: 'utf8'
    }).stdout
  )
  run('npx', ['electron-vite', 'build'])
  run('npx', [
    'electron-builder',
    '--linux',
    'dir',
    '-c.npmRebuild=false',
    `-c.electronDist=${fakeElectron}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${output}`
  ])
  const unpacked = join(output, 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules')
  const missing = REQUIRED.filter((path) => !existsSync(join(unpacked, path)))
  const resources = [
    'embeddings/potion-base-2M/potion-base-2M.bin',
    'emotion/goemotions-net.bin',
    'voice/silero_vad.onnx'
  ].filter((path) => !existsSync(join(output, 'linux-unpacked', 'resources', 'resources', path)))
  if (missing.length + resources.length > 0) {
    console.error(`Missing from the package: ${[...missing, ...resources].join(', ')}`)
    process.exit(1)
  }
  console.log(`The package unpacks every native module (${REQUIRED.length}) and ships the bundled models.`)
} finally {
  rmSync(output, { recursive: true, force: true })
  rmSync(fakeElectron, { recursive: true, force: true })
}
