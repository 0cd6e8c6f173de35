/**
 * Run in a child process by installProcessGuards.test.ts: throws and rejects from nowhere, then proves it is still
 * alive by answering an HTTP request. Without the guards Node ends the process at the first of these.
 */
import { createServer, get } from 'node:http'
import { AppError } from '../../../src/shared/errors'
import { installProcessGuards } from '../../../src/main/util/installProcessGuards'

if (process.argv.includes('--guarded')) installProcessGuards('fixture')
const server = createServer((_request, response) => response.end('alive'))
server.listen(0, '127.0.0.1', () => {
  setTimeout(() => {
    throw new Error('boom from a timer', { cause: new AppError('NOT_FOUND', 'the chat is gone') })
  }, 10)
  void Promise.reject(new AppError('MODEL_FILE_INVALID', 'a rejected promise nobody awaited'))
  setTimeout(() => {
    const { port } = server.address() as { port: number }
    get(`http://127.0.0.1:${port}/`, (response) => {
      response.on('data', (chunk: Buffer) => process.stdout.write(chunk))
      response.on('end', () => server.close(() => process.exit(0)))
    })
  }, 200)
})
