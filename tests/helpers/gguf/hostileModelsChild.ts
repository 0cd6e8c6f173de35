/**
 * Run in a child process by hostileModels.model.test.ts, so that a file that still aborts the process (GGML_ASSERT,
 * V8 "invalid size") shows up as a dead child instead of killing vitest. argv[2]: a models folder holding the
 * hostile files and one good model. Prints one JSON line: every call's error code, the list, and a reply.
 */
import { join } from 'node:path'
import { AppError } from '../../../src/shared/errors'
import { LlmRuntime } from '../../../src/main/llm/LlmRuntime'
import { ModelFileStore } from '../../../src/main/models/ModelFileStore'
import { defaultSampling } from '../../../src/shared/domain'

const [, , modelsDir, ...names] = process.argv as [string, string, string, ...string[]]
const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 512 })
const library = new ModelFileStore(modelsDir, join(modelsDir, '..', 'custom-models.json'), () => runtime.getLlama())
const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : `untyped: ${String(error)}`)
const outcome = async (job: () => Promise<unknown>): Promise<string> => job().then(() => 'ok', codeOf)

const calls: Record<string, Record<string, string>> = {}
const listed = (await library.list()).map((m) => m.fileName)
for (const name of names) {
  const path = join(modelsDir, name)
  calls[name] = {
    inspect: await outcome(() => library.inspect(path)),
    add: await outcome(() => library.add(path)),
    load: await outcome(() => runtime.load({ path }))
  }
}
const listedAgain = (await library.list()).map((m) => m.fileName)
await runtime.load({ path: join(modelsDir, 'good.gguf') })
const reply = await runtime.stream({
  turns: [{ role: 'user', text: 'Once upon a time' }],
  sampling: { ...defaultSampling(), temperature: 0, maxTokens: 8 },
  stopStrings: []
}).result
await runtime.dispose()
console.log(JSON.stringify({ calls, listed, listedAgain, replyTokens: reply.outputTokens }))
