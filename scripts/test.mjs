// `npm test`: format check, lint and typecheck, then the vitest projects one after another (unit, model, e2e) so the model and browser
// tests never compete for this machine's 2 cores. Ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'

const run = (args) =>
  spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })
    .status ?? 1

if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('Browser tests need Chromium at /usr/bin/chromium (Debian: apt-get install chromium) or CHROMIUM_PATH.')
  process.exit(1)
}
let failedSteps = 0
// Each check counts as one failed step; all of them run so one report shows every kind of problem at once.
if (run(['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level=warn', '.']) !== 0) failedSteps++
if (run(['node_modules/eslint/bin/eslint.js', '.']) !== 0) failedSteps++
const tsc = 'node_modules/typescript/bin/tsc'
for (const project of ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.shared.json']) {
  if (run([tsc, '-p', project, '--noEmit']) !== 0) failedSteps++
}
mkdirSync('test-artifacts', { recursive: true })
let passed = 0
let failed = failedSteps
for (const project of ['unit', 'model', 'e2e']) {
  const report = `test-artifacts/vitest-${project}.json`
  const status = run([
    'node_modules/vitest/vitest.mjs',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`
  ])
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'))
    passed += result.numPassedTests
    failed += result.numFailedTests
  }
  if (status !== 0 && failed === 0) failed++
}
console.log(`\nTests: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
