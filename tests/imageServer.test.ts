import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../src/main/ipc/handlers'
import { dispatch } from '../src/main/ipc/dispatch'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

describe('avatars from a local Stable Diffusion server (optional)', () => {
  const tempDir = useTempDir()
  let server: Server | null = null
  afterEach(() => server?.close())

  it('is off by default, and once configured stores the generated picture as the avatar', async () => {
    const core = await createTestCore(tempDir())
    try {
      const handlers = createHandlers(core, 'http')
      const aiko = core.characters.list(core.userId)[0]!
      expect(core.settings.get().imageServer).toBeNull()
      expect(await dispatch(handlers, 'characters.generateAvatar', { id: aiko.id })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' }
      })
      const png = await sharp({ create: { width: 768, height: 768, channels: 3, background: '#336699' } })
        .png()
        .toBuffer()
      let prompt = ''
      server = createServer((req, res) => {
        let body = ''
        req.on('data', (c: Buffer) => (body += c.toString()))
        req.on('end', () => {
          prompt = (JSON.parse(body) as { prompt: string }).prompt
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ images: [png.toString('base64')] }))
        })
      })
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
      core.settings.update({
        imageServer: { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, kind: 'a1111' }
      })
      const result = await dispatch(handlers, 'characters.generateAvatar', { id: aiko.id })
      expect(result.ok).toBe(true)
      expect(prompt).toBe(aiko.imagePrompt)
      const updated = core.characters.get(aiko.id)
      expect(updated.avatarFile).toMatch(/\.png$/)
      expect((await core.characterService.avatarDataUrl(aiko.id)).startsWith('data:image/png')).toBe(true)
    } finally {
      await core.dispose()
    }
  })
})
