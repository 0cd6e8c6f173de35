import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)
  ].map((m) => m[1] ?? m[2] ?? '')
}

const root = process.cwd()
/** A file a maintainer reads in one sitting (STYLE.md: < ~250 lines), with a little room. */
const MAX_LINES = 260
const rel = (file: string): string => relative(root, file).split('\\').join('/')

describe('architecture', () => {
  it('only the Electron shell imports electron', () => {
    const allowed = new Set([
      'src/main/index.ts',
      'src/main/window.ts',
      'src/main/ipc/electronIpc.ts',
      'src/preload/index.ts'
    ])
    const offenders = [...sourceFiles(join(root, 'src/main')), ...sourceFiles(join(root, 'src/shared'))]
      .filter((file) => importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')))
      .map(rel)
      .filter((file) => !allowed.has(file))
    expect(offenders).toEqual([])
  })

  it('src/shared imports nothing but itself (no node:, no packages)', () => {
    // Tests beside shared code (tsconfig.shared.json leaves them out) may import vitest and fast-check.
    const offenders = sourceFiles(join(root, 'src/shared'))
      .filter((file) => !/\.test\.ts$/.test(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => !spec.startsWith('.'))
          .map((spec) => `${rel(file)} -> ${spec}`)
      )
    expect(offenders).toEqual([])
  })

  it('the renderer reaches main only through the contract', () => {
    const offenders = sourceFiles(join(root, 'src/renderer')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes('/main/') || spec.startsWith('node:') || spec === 'electron')
        .map((spec) => `${rel(file)} -> ${spec}`)
    )
    expect(offenders).toEqual([])
    const windowApiReaders = sourceFiles(join(root, 'src/renderer/src'))
      .filter((file) => /window\.api\b/.test(readFileSync(file, 'utf8')))
      .map(rel)
    expect(windowApiReaders.filter((f) => !f.endsWith('env.d.ts'))).toEqual(['src/renderer/src/api.ts'])
  })

  it('capability folders never import one another, and infrastructure imports no capability', () => {
    // Infrastructure: native resources, storage and plain helpers. Every other folder of src/main is a capability
    // (characters, chat, memory, emotion, models, ...); they meet only through hooks and plain types in core.ts.
    const infrastructure = ['llm', 'onnx', 'db', 'util', 'settings', 'hooks']
    // The composition root and the shells on top of it: nothing below imports them.
    const composition = ['core', 'CoreHost', 'ipc', 'index', 'serve', 'window']
    const folderOf = (file: string): string | null => {
      const [top, main, folder, ...rest] = rel(file).split('/')
      return top === 'src' && main === 'main' && rest.length > 0 ? folder! : null
    }
    const layerOf = (file: string): string | null => {
      const [top, main, name] = rel(file).split('/')
      return top === 'src' && main === 'main' && name ? name.replace(/\.tsx?$/, '') : null
    }
    const offenders = sourceFiles(join(root, 'src/main'))
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .flatMap((file) => {
        const from = folderOf(file)
        // ipc/ and core/ (createCore's wiring, one file a capability) sit on top: they may import everything.
        if (!from || from === 'ipc' || from === 'core') return []
        return importsOf(file)
          .filter((spec) => spec.startsWith('.'))
          .filter((spec) => {
            const to = layerOf(resolve(dirname(file), spec))
            if (!to || to === from) return false
            if (composition.includes(to)) return true
            // A capability or an infrastructure folder may use infrastructure and the plain AppConfig type only.
            return to !== 'config' && !infrastructure.includes(to)
          })
          .map((spec) => `${rel(file)} -> ${spec}`)
      })
    expect(offenders).toEqual([])
  })

  it('no source file under src/ is longer than 260 lines (tests and test-only helpers aside)', () => {
    const tooLong = sourceFiles(join(root, 'src'))
      .filter((file) => !/\.test\.tsx?$/.test(file) && !/ForTest\.tsx?$/.test(file))
      .map((file) => ({ file: rel(file), lines: readFileSync(file, 'utf8').trimEnd().split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`)
    expect(tooLong).toEqual([])
  })
})
