/**
 * `npm run bench [-- --only NAME] [--out FILE] [--model PATH] [--locomo PATH] [--embedding GGUF|ONNX-DIR] [--emotion-model ONNX-DIR] [--memory-model GGUF] [--goemotions PATH] [--voice-audio WAV] [--tts-model DIR] [--stt-model DIR] [--quick] [--scale-sizes 1000,100000]`
 * Runs the benchmark suites, prints a table and optionally writes one JSON object of all keys.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { BenchArgs, BenchResult, BenchSuite } from './types'
import { suites } from './suites'

const sharedDir = resolve(process.cwd(), '..', 'shared')

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string' },
    model: { type: 'string', default: join(sharedDir, 'models', 'stories260K.gguf') },
    'kv-model': { type: 'string', default: join(sharedDir, 'models', 'llama-2-tiny-random.gguf') },
    locomo: { type: 'string', default: join(sharedDir, 'data', 'locomo', 'locomo-dev.json') },
    embedding: { type: 'string' },
    'memory-model': { type: 'string' },
    'emotion-model': { type: 'string' },
    goemotions: { type: 'string', default: join(sharedDir, 'data', 'goemotions', 'dev.tsv') },
    cards: { type: 'string', default: join(sharedDir, 'data', 'character-cards', 'cards') },
    'voice-audio': { type: 'string', default: join(sharedDir, 'models', 'voice', 'jfk.wav') },
    'tts-model': { type: 'string' },
    'stt-model': { type: 'string' },
    quick: { type: 'boolean', default: false },
    'scale-sizes': { type: 'string' }
  }
})

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4)
  return JSON.stringify(value)
}

async function main(): Promise<void> {
  const selected: BenchSuite[] = values.only ? suites.filter((s) => s.name === values.only) : suites
  if (selected.length === 0)
    throw new Error(`No suite named "${values.only}". Suites: ${suites.map((s) => s.name).join(', ')}`)
  const workDir = await mkdtemp(join(tmpdir(), 'ai-anime-bench-'))
  const args: BenchArgs = {
    model: resolve(values.model),
    kvModel: resolve(values['kv-model']),
    locomo: resolve(values.locomo),
    embedding: values.embedding ? resolve(values.embedding) : undefined,
    memoryModel: values['memory-model'] ? resolve(values['memory-model']) : undefined,
    goemotions: resolve(values.goemotions),
    emotionModel: values['emotion-model'] ? resolve(values['emotion-model']) : undefined,
    cards: resolve(values.cards),
    voiceAudio: resolve(values['voice-audio']),
    ttsModel: values['tts-model'] ? resolve(values['tts-model']) : undefined,
    sttModel: values['stt-model'] ? resolve(values['stt-model']) : undefined,
    workDir,
    isQuick: values.quick,
    scaleSizes: values['scale-sizes']?.split(',').map(Number)
  }
  const all: BenchResult = {}
  try {
    for (const suite of selected) {
      const started = performance.now()
      process.stderr.write(`[bench] ${suite.name}...\n`)
      const result = await suite.run({ ...args, workDir: join(workDir, suite.name) })
      Object.assign(all, result)
      process.stderr.write(`[bench] ${suite.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
    }
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
  const width = Math.max(...Object.keys(all).map((k) => k.length), 10)
  console.log(`${'key'.padEnd(width)}  value`)
  for (const [key, value] of Object.entries(all)) console.log(`${key.padEnd(width)}  ${formatValue(value)}`)
  if (values.out) {
    await writeFile(values.out, JSON.stringify(all, null, 2) + '\n')
    console.log(`wrote ${values.out}`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
