import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { generateAvatarImage } from './generateAvatarImage'

describe('generateAvatarImage against a local AUTOMATIC1111-style server', () => {
  const servers: Server[] = []
  afterEach(() => servers.splice(0).forEach((s) => s.close()))
  const start = async (handler: Parameters<typeof createServer>[1]): Promise<string> => {
    const server = createServer(handler)
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('posts the prompt to /sdapi/v1/txt2img and returns the image', async () => {
    const png = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#ff66aa' } })
      .png()
      .toBuffer()
    let received: { prompt?: string; negative_prompt?: string } = {}
    const baseUrl = await start((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        expect(req.url).toBe('/sdapi/v1/txt2img')
        received = JSON.parse(body) as typeof received
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ images: [png.toString('base64')] }))
      })
    })
    const image = await generateAvatarImage(
      { baseUrl, kind: 'a1111' },
      { prompt: '1girl, elf', negativePrompt: 'lowres' }
    )
    expect(received).toMatchObject({ prompt: '1girl, elf', negative_prompt: 'lowres' })
    expect((await sharp(image).metadata()).width).toBe(512)
  })

  it('explains an HTML page, a stopped server and a non-local address', async () => {
    const html = await start((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'))
    await expect(
      generateAvatarImage({ baseUrl: html, kind: 'a1111' }, { prompt: 'x', negativePrompt: '' })
    ).rejects.toThrow(/did not answer with JSON/)
    const stopped = await start((_, res) => res.end())
    servers.pop()!.close()
    await new Promise((r) => setTimeout(r, 20))
    await expect(
      generateAvatarImage({ baseUrl: stopped, kind: 'a1111' }, { prompt: 'x', negativePrompt: '' })
    ).rejects.toThrow(/not answering/)
    const remote = await generateAvatarImage(
      { baseUrl: 'http://192.0.2.10:7860', kind: 'a1111' },
      { prompt: 'x', negativePrompt: '' }
    ).catch((e: unknown) => e)
    expect(remote).toBeInstanceOf(AppError)
    expect((remote as AppError).message).toMatch(/on this computer/)
  })
})
