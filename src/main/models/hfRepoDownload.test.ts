import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ModelDownload } from '../../shared/domain'
import { startFakeHfHub, type FakeHfHub } from '../../../tests/helpers/fakeHfHub'
import { writeTinyOnnxModel } from '../../../tests/helpers/onnx/writeTinyOnnxModel'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { OnnxEmotionClassifier } from '../emotion/OnnxEmotionClassifier'
import { FINE_LABELS } from '../emotion/labels'
import { OnnxRuntime } from '../onnx/OnnxRuntime'
import { DownloadService } from './DownloadService'
import { parseHfRepoUri } from './hfRepoDownload'
import { isSecondarySplitPart } from './ModelFileStore'

const gguf = (size: number, fill: number): Uint8Array =>
  Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(size - 4, fill)])

/** Every file of a folder, relative, with its bytes. */
function filesOf(dir: string, prefix = ''): Record<string, Buffer> {
  const out: Record<string, Buffer> = {}
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) Object.assign(out, filesOf(dir, rel))
    else out[rel] = readFileSync(join(dir, rel))
  }
  return out
}

describe('downloads named the way users name models: hf:<user>/<repo>[:<quant>]', () => {
  const tempDir = useTempDir()
  let hub: FakeHfHub | null = null
  afterEach(async () => {
    await hub?.close()
    hub = null
  })

  async function download(modelsDir: string, uri: string): Promise<{ done: ModelDownload; events: ModelDownload[] }> {
    const events: ModelDownload[] = []
    const manager = new DownloadService(modelsDir, (d) => events.push(d), { hfEndpoint: hub!.endpoint })
    const { id } = manager.start({ url: uri })
    return { done: await manager.settled(id), events }
  }

  it('parses repository addresses and leaves file addresses to the file downloader', () => {
    expect(parseHfRepoUri('hf:bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M')).toEqual({
      user: 'bartowski',
      repo: 'Llama-3.2-3B-Instruct-GGUF',
      tag: 'Q4_K_M'
    })
    expect(parseHfRepoUri('hf:Xenova/all-MiniLM-L6-v2')).toEqual({
      user: 'Xenova',
      repo: 'all-MiniLM-L6-v2',
      tag: null
    })
    expect(parseHfRepoUri('hf:bartowski/x-GGUF/x-Q4_K_M.gguf')).toBeNull()
    expect(parseHfRepoUri('https://example.com/x.gguf')).toBeNull()
  })

  it('resolves a quantisation tag through the manifest and downloads the file with progress', async () => {
    const body = gguf(400_000, 7)
    hub = await startFakeHfHub({
      'bartowski/Tiny-GGUF': {
        files: { 'Tiny-Q4_K_M.gguf': body, 'Tiny-Q8_0.gguf': gguf(1000, 8) },
        manifests: { Q4_K_M: 'Tiny-Q4_K_M.gguf' }
      }
    })
    const dir = tempDir()
    const { done, events } = await download(dir, 'hf:bartowski/Tiny-GGUF:Q4_K_M')
    expect(done.state, done.error ?? '').toBe('done')
    expect(done.fileName).toMatch(/Q4_K_M\.gguf$/)
    expect(readFileSync(done.path).equals(body)).toBe(true)
    expect(events.some((e) => e.receivedBytes > 0 && e.totalBytes === body.length)).toBe(true)
    expect(hub.requests).toContain('GET /v2/bartowski/Tiny-GGUF/manifests/Q4_K_M')
  })

  it('fetches every part of a split model, lists only the first, and never replaces a file already there', async () => {
    const parts = [gguf(200_000, 1), Buffer.alloc(150_000, 2), Buffer.alloc(100_000, 3)]
    hub = await startFakeHfHub({
      'bartowski/Big-GGUF': {
        files: Object.fromEntries(parts.map((p, i) => [`Big-Q4_K_M-0000${i + 1}-of-00003.gguf`, p])),
        manifests: { Q4_K_M: 'Big-Q4_K_M-00001-of-00003.gguf' }
      }
    })
    const dir = tempDir()
    const { done } = await download(dir, 'hf:bartowski/Big-GGUF:Q4_K_M')
    expect(done.state, done.error ?? '').toBe('done')
    const names = readdirSync(dir).sort()
    expect(names).toHaveLength(3)
    names.forEach((name, i) => expect(readFileSync(join(dir, name)).equals(parts[i]!)).toBe(true))
    expect(done.fileName).toBe(names[0])
    expect(names.map(isSecondarySplitPart)).toEqual([false, true, true])

    // The same download again is refused: the parts are there already, and stay as they are.
    writeFileSync(join(dir, names[1]!), 'kept')
    const again = await download(dir, 'hf:bartowski/Big-GGUF:Q4_K_M')
    expect(again.done).toMatchObject({ state: 'failed', error: expect.stringMatching(/already in your models folder/) })
    expect(readFileSync(join(dir, names[1]!), 'utf8')).toBe('kept')
  })

  it('downloads an ONNX repository as a model folder with the chosen weights, which then loads', async () => {
    const source = writeTinyOnnxModel(join(tempDir(), 'src'), { task: 'text-classification', labels: FINE_LABELS })
    const files = filesOf(source)
    files['onnx/model_fp16.onnx'] = Buffer.from('not wanted')
    files['README.md'] = Buffer.from('# card')
    hub = await startFakeHfHub({ 'SamLowe/roberta-base-go_emotions-onnx': { files } })
    const dir = tempDir()
    const { done } = await download(dir, 'hf:SamLowe/roberta-base-go_emotions-onnx')
    expect(done.state, done.error ?? '').toBe('done')
    expect(done.path).toBe(join(dir, 'SamLowe--roberta-base-go_emotions-onnx'))
    expect(Object.keys(filesOf(done.path)).sort()).toEqual([
      'config.json',
      'onnx/model_quantized.onnx',
      'tokenizer.json',
      'tokenizer_config.json'
    ])
    expect(existsSync(`${done.path}.part`)).toBe(false)
    const runtime = new OnnxRuntime(1)
    try {
      const classifier = await OnnxEmotionClassifier.load(runtime, done.path)
      expect(classifier.labels.size).toBe(28)
    } finally {
      await runtime.dispose()
    }
  })

  it("checks every file against the hub's checksum and removes a damaged download", async () => {
    const source = writeTinyOnnxModel(join(tempDir(), 'src'), { task: 'feature-extraction', dimensions: 8 })
    const files = filesOf(source)
    const weights = files['onnx/model_quantized.onnx']!
    hub = await startFakeHfHub({
      'bartowski/Tiny-GGUF': {
        files: { 'Tiny-Q4_K_M.gguf': gguf(50_000, 7) },
        manifests: { Q4_K_M: 'Tiny-Q4_K_M.gguf' },
        damaged: { 'Tiny-Q4_K_M.gguf': gguf(50_000, 9) }
      },
      'Xenova/tiny-embedder': {
        files,
        damaged: { 'onnx/model_quantized.onnx': weights.subarray(0, weights.length - 1) }
      }
    })
    const dir = tempDir()
    for (const uri of ['hf:bartowski/Tiny-GGUF:Q4_K_M', 'hf:Xenova/tiny-embedder'])
      expect((await download(dir, uri)).done).toMatchObject({
        state: 'failed',
        error: expect.stringMatching(/checksum/) as unknown
      })
    expect(readdirSync(dir)).toEqual([])
  })

  it('says clearly when a repository does not exist or holds no model', async () => {
    hub = await startFakeHfHub({ 'someone/docs-only': { files: { 'README.md': Buffer.from('hi') } } })
    const dir = tempDir()
    expect((await download(dir, 'hf:someone/missing')).done).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/does not exist/)
    })
    expect((await download(dir, 'hf:someone/docs-only')).done).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/no GGUF file and no complete ONNX model/)
    })
    expect(readdirSync(dir)).toEqual([])
  })
})
