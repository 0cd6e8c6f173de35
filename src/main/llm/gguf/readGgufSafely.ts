import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/errors'
import { probeGgufFile, type GgufProbe, type GgufProbeLimits } from './probeGgufFile'

export const DEFAULT_PROBE_LIMITS: GgufProbeLimits = {
  maxTensorCount: 1 << 20,
  maxKvCount: 1 << 20,
  // Real vocabularies are ~260k tokens and merge lists ~500k; 10^8 strings is an attack, not a model.
  maxArrayLength: 1 << 24,
  maxStringBytes: 16 << 20
}

/** The probe's reason for a file that does not start with the GGUF signature (the probe cannot import it). */
const NOT_GGUF_REASON = 'it is not a GGUF file'

export interface ReadGgufOptions {
  timeoutMs?: number
  memoryMb?: number
  limits?: GgufProbeLimits
}

// The worker runs the probe from its own source (see probeGgufFile): one file, the same in tests and in the build.
// Bundlers that keep function names (esbuild's keepNames: tsx, vite) wrap them in a __name helper the worker lacks.
const WORKER_SOURCE = `
const __name = (target) => target
const { parentPort, workerData } = require('node:worker_threads')
const probe = (${probeGgufFile.toString()})
try {
  parentPort.postMessage({ ok: true, probe: probe(require('node:fs'), workerData.path, workerData.limits) })
} catch (error) {
  parentPort.postMessage({ ok: false, reason: error && error.message ? String(error.message) : String(error) })
}
`

/**
 * Reads an untrusted GGUF header where a failure cannot take the app down: the path is checked first (a regular,
 * non-empty file: a pipe would block whoever opens it), then the bounded probe runs in a worker thread with a
 * memory limit and a time limit, and is terminated when it overruns. Only files that pass are ever handed to
 * node-llama-cpp, whose own parser and llama.cpp's asserts end the process on some malformed headers.
 */
export async function readGgufSafely(path: string, options: ReadGgufOptions = {}): Promise<GgufProbe> {
  const fileName = basename(path)
  const stats = await stat(path).catch((cause: unknown) => {
    throw new AppError('MODEL_FILE_NOT_FOUND', `No file at ${path}. Check the path and try again.`, { cause })
  })
  if (stats.isDirectory())
    throw new AppError('MODEL_FILE_INVALID', `${path} is a folder. Choose a .gguf file inside it.`)
  if (!stats.isFile())
    throw new AppError(
      'MODEL_FILE_INVALID',
      `${fileName} is not a regular file (a pipe, socket or device). Pick a .gguf file.`
    )
  if (stats.size === 0) throw new AppError('MODEL_FILE_INVALID', `${fileName} is empty (0 bytes).`)
  const outcome = await runProbe(path, options)
  // A file without the GGUF signature (a text file, an image) gets the plain message a user expects; the probe's
  // details are for GGUFs that are damaged or hostile. Neither ever quotes the file's bytes.
  if (!outcome.ok && outcome.reason === NOT_GGUF_REASON)
    throw new AppError('MODEL_FILE_INVALID', `${fileName} is not a GGUF model. Pick a .gguf file.`)
  if (!outcome.ok) throw new AppError('MODEL_FILE_INVALID', `${fileName} is not a usable GGUF file: ${outcome.reason}.`)
  return outcome.probe
}

type Outcome = { ok: true; probe: GgufProbe } | { ok: false; reason: string }

function runProbe(path: string, options: ReadGgufOptions): Promise<Outcome> {
  const memoryMb = options.memoryMb ?? 96
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, limits: options.limits ?? DEFAULT_PROBE_LIMITS },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    stdout: true,
    stderr: true
  })
  return new Promise<Outcome>((resolve) => {
    let isSettled = false
    const settle = (outcome: Outcome): void => {
      if (isSettled) return
      isSettled = true
      clearTimeout(timer)
      resolve(outcome)
      void worker.terminate()
    }
    const timer = setTimeout(
      () => settle({ ok: false, reason: 'reading its header took too long' }),
      options.timeoutMs ?? 10_000
    )
    worker.once('message', (message: Outcome) => settle(message))
    worker.once('error', (error: Error & { code?: string }) =>
      settle({
        ok: false,
        reason:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `reading its header needed more than ${memoryMb} MB`
            : `its header could not be read (${error.message})`
      })
    )
    worker.once('exit', (code) => settle({ ok: false, reason: `its header reader stopped (exit ${code})` }))
  })
}
