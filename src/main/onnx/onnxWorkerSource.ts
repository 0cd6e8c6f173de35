/**
 * The ONNX worker thread's code, run with `new Worker(source, { eval: true })`. It is a string, not a module file,
 * because the same worker must start from vitest (TypeScript sources), `npm run serve` and the bundled Electron main
 * (one JS file) alike; an eval'd CommonJS script needs no bundler support. @huggingface/transformers is required by
 * the absolute path the main thread resolved, so it comes from the app's own node_modules.
 *
 * Protocol: the main thread posts {id, type, ...}; the worker answers {id, ok, value} or {id, ok: false, error}.
 * Messages are handled one at a time, in order.
 */
export const ONNX_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const path = require('node:path')
const lib = require(workerData.transformersPath)
lib.env.allowRemoteModels = false
lib.env.allowLocalModels = true
lib.env.useFSCache = false
const pipes = new Map()
let nextHandle = 1

async function load(message) {
  // An absolute path is not a hub model id, so the library reads the folder as it is (a folder name such as
  // "user--repo" would not pass as an id under localModelPath).
  const pipe = await lib.pipeline(message.task, path.resolve(message.dir), {
    dtype: message.dtype,
    local_files_only: true,
    session_options: { intraOpNumThreads: message.threads, interOpNumThreads: 1 }
  })
  const handle = nextHandle++
  pipes.set(handle, { pipe, task: message.task })
  return { handle }
}

async function run(message) {
  const entry = pipes.get(message.handle)
  if (!entry) throw new Error('This ONNX model is no longer loaded.')
  if (entry.task === 'text-classification') return await entry.pipe(message.texts, { top_k: null })
  const output = await entry.pipe(message.texts, { pooling: message.pooling, normalize: true })
  const data = Float32Array.from(output.data)
  return { dims: output.dims, data }
}

async function unload(message) {
  const entry = pipes.get(message.handle)
  pipes.delete(message.handle)
  if (entry) await entry.pipe.dispose()
  return null
}

const handlers = { load, run, unload }
let chain = Promise.resolve()
parentPort.on('message', (message) => {
  chain = chain.then(async () => {
    try {
      const value = await handlers[message.type](message)
      parentPort.postMessage({ id: message.id, ok: true, value })
    } catch (error) {
      parentPort.postMessage({ id: message.id, ok: false, error: String((error && error.message) || error) })
    }
  })
})
`
