import { zipSync, type Zippable } from 'fflate'
import sharp from 'sharp'

export const picture = (colour: string, width = 300, height = 300): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer()

export const jpeg = (colour: string): Promise<Buffer> =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer()

/** A V3 card object with the given assets, as RisuAI and other CHARX writers make them. */
export function v3Card(name: string, assets: object[], extra: Record<string, unknown> = {}): object {
  return {
    spec: 'chara_card_v3',
    spec_version: '3.0',
    data: {
      name,
      description: `${name} is a lighthouse keeper.`,
      personality: 'calm, dry humour',
      scenario: 'A storm night.',
      first_mes: 'The lamp is lit.',
      mes_example: '',
      creator_notes: '',
      system_prompt: '',
      post_history_instructions: '',
      alternate_greetings: [],
      tags: ['sea'],
      creator: 'test',
      character_version: '1',
      extensions: {},
      group_only_greetings: [],
      assets,
      ...extra
    }
  }
}

export function zip(files: Record<string, Uint8Array | string | object>): Uint8Array {
  const zippable: Zippable = {}
  for (const [name, value] of Object.entries(files))
    zippable[name] =
      value instanceof Uint8Array
        ? value
        : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8')
  return zipSync(zippable)
}
