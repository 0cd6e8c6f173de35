import sharp from 'sharp'
import { AppError } from '../../../shared/errors'

export const MAX_AVATAR_BYTES = 20 * 1024 * 1024
const MAX_SIDE = 8192
export const AVATAR_SIZE = 512

function imageKind(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (
    Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP'
  )
    return 'webp'
  return null
}

/**
 * An uploaded picture as the app's avatar: PNG, JPEG or WebP only, centre-cropped to a 512 px square PNG.
 * Expression sprites keep their shape (often full-body) and are only scaled to fit 512 x 768.
 */
export async function processAvatarUpload(
  bytes: Uint8Array,
  shape: 'square' | 'sprite' = 'square'
): Promise<Uint8Array> {
  if (bytes.length === 0) throw new AppError('IMAGE_INVALID', 'The image is empty.')
  if (bytes.length > MAX_AVATAR_BYTES)
    throw new AppError(
      'IMAGE_INVALID',
      `The image is too large (${(bytes.length / 1e6).toFixed(0)} MB); 20 MB at most.`
    )
  if (!imageKind(bytes)) throw new AppError('IMAGE_INVALID', 'That file is not a PNG, JPEG or WebP image.')
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_SIDE * MAX_SIDE })
    const meta = await image.metadata()
    if (!meta.width || !meta.height || meta.width > MAX_SIDE || meta.height > MAX_SIDE) {
      throw new AppError('IMAGE_INVALID', `The image must be at most ${MAX_SIDE} pixels on each side.`)
    }
    const resized =
      shape === 'square'
        ? image.rotate().resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'attention' })
        : image.rotate().resize(AVATAR_SIZE, Math.round(AVATAR_SIZE * 1.5), { fit: 'inside', withoutEnlargement: true })
    return await resized.png().toBuffer()
  } catch (cause) {
    if (cause instanceof AppError) throw cause
    throw new AppError('IMAGE_INVALID', 'The image could not be read; it may be damaged.', { cause })
  }
}
