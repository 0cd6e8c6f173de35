import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2'
}

/**
 * Serves the built renderer; unknown paths get index.html (single-page app). The shim goes in before any app script.
 * `pathname` is already percent-decoded (the transport refuses malformed escapes).
 */
export async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const relative = normalize(pathname).replace(/^([/\\])+/, '')
  const file = join(root, relative)
  if (!file.startsWith(root + sep) && file !== root) {
    response.writeHead(403).end()
    return
  }
  const isFile = await stat(file).then(
    (s) => s.isFile(),
    () => false
  )
  if (!isFile || extname(file) === '.html') {
    const html = await readFile(join(root, 'index.html'), 'utf8')
    const withShim = html.replace('<script', '<script src="/api-shim.js"></script>\n    <script')
    response.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' })
    response.end(withShim)
    return
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
  response.end(await readFile(file))
}
