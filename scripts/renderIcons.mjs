// Renders the web app's PNG icons (manifest, home screen) from src/renderer/public/icons/icon.svg with sharp.
// Run after changing the SVG: `node scripts/renderIcons.mjs`; the PNGs are committed so builds need no step.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

const dir = join(import.meta.dirname, '..', 'src', 'renderer', 'public', 'icons')
const svg = readFileSync(join(dir, 'icon.svg'))
for (const size of [192, 512])
  await sharp(svg, { density: 300 })
    .resize(size, size)
    .png()
    .toFile(join(dir, `icon-${size}.png`))
// Maskable: the launcher may crop to a circle, so the artwork keeps to the inner 80% (the safe zone).
const inner = await sharp(svg, { density: 300 }).resize(410, 410).png().toBuffer()
await sharp({ create: { width: 512, height: 512, channels: 4, background: '#14121c' } })
  .composite([{ input: inner, gravity: 'center' }])
  .png()
  .toFile(join(dir, 'icon-maskable-512.png'))
await sharp(svg, { density: 300 }).resize(180, 180).png().toFile(join(dir, 'apple-touch-icon.png'))
