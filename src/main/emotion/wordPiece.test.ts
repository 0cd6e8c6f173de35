import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Tokenizer } from '@huggingface/tokenizers'
import { describe, expect, it } from 'vitest'
import { readModel2VecBin } from '../llm/embed/readModel2VecBin'
import { resourcesDir } from '../../../tests/helpers/sharedPaths'
import { createWordPiece } from './wordPiece'

describe('createWordPiece', () => {
  it('splits text exactly as the potion-base-2M tokenizer.json does', async () => {
    const dir = join(resourcesDir, 'embeddings', 'potion-base-2M')
    const table = readModel2VecBin(await readFile(join(dir, 'potion-base-2M.bin')))
    const reference = new Tokenizer(JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8')) as object, {})
    const wordPiece = createWordPiece(table.vocabulary)
    const texts = [
      "I can't believe [NAME] did that!!",
      'Naïve café — déjà vu?',
      'unbelievably overthinking',
      '今日はとても嬉しい',
      'мне грустно',
      'lol...ok :) #blessed'
    ]
    for (const text of texts) {
      expect(Array.from(wordPiece(text, 256))).toEqual(reference.encode(text, { add_special_tokens: false }).ids)
    }
    expect(wordPiece('word '.repeat(1000), 10)).toHaveLength(10)
  })
})
