import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ELEM_FLOAT, ELEM_INT64, encodeModel, floatTensor, int64Tensor, valueInfo } from './onnxProto'
import { PIPER_PHONEMES } from './writeTinyVoiceModels'
import { randomWeights } from './writeTinyOnnxModel'

const SAMPLES_PER_TOKEN = 256
/** Kokoro's style table is [tokens, 1, width]: one style vector per sentence length, per speaker. */
const STYLE_TOKENS = 64
const STYLE_WIDTH = 8

/**
 * A Kokoro voice in sherpa-onnx's layout for Kokoro v0.19 (model.onnx, voices.bin, tokens.txt; English phonemes by
 * espeak-ng, whose data the app finds): inputs tokens [1, T] int64, style [1, width] (the row of voices.bin for the
 * speaker and the sentence length) and speed [1]; output audio [samples]; metadata sample_rate, n_speakers,
 * has_espeak, style_dim "tokens,1,width", voice. Random weights: each phoneme becomes SAMPLES_PER_TOKEN samples of a
 * tanh of its embedding moved by the speaker's style, so speakers differ and the length follows the text.
 */
export function writeTinyKokoroVoice(dir: string, options: { speakers?: number; seed?: number } = {}): string {
  mkdirSync(dir, { recursive: true })
  const seed = options.seed ?? 23
  const speakers = options.speakers ?? 2
  // Kokoro's id 0 marks the start and end of a sentence ("$" in its tokens.txt).
  const symbols = ['$', ...PIPER_PHONEMES.filter((p) => p !== '$')]
  const vocab = symbols.length
  const bytes = encodeModel({
    nodes: [
      { opType: 'Gather', input: ['embeddings', 'tokens'], output: ['frames'] },
      { opType: 'MatMul', input: ['style', 'style_projection'], output: ['moved_by'] },
      { opType: 'Add', input: ['frames', 'moved_by'], output: ['moved'] },
      { opType: 'Tanh', input: ['moved'], output: ['shaped'] },
      { opType: 'Mul', input: ['shaped', 'half'], output: ['quiet'] },
      // The speed is read (a real Kokoro stretches its durations by it) but changes nothing here.
      { opType: 'Sub', input: ['speed', 'speed'], output: ['zero'] },
      { opType: 'Add', input: ['quiet', 'zero'], output: ['sounded'] },
      { opType: 'Reshape', input: ['sounded', 'flat'], output: ['audio'] }
    ],
    initializers: [
      floatTensor('embeddings', [vocab, SAMPLES_PER_TOKEN], randomWeights(vocab * SAMPLES_PER_TOKEN, seed)),
      floatTensor(
        'style_projection',
        [STYLE_WIDTH, SAMPLES_PER_TOKEN],
        randomWeights(STYLE_WIDTH * SAMPLES_PER_TOKEN, seed + 1)
      ),
      floatTensor('half', [1], Float32Array.of(0.5)),
      int64Tensor('flat', [-1])
    ],
    inputs: [
      valueInfo('tokens', ELEM_INT64, [1, 'T']),
      valueInfo('style', ELEM_FLOAT, [1, STYLE_WIDTH]),
      valueInfo('speed', ELEM_FLOAT, [1])
    ],
    outputs: [valueInfo('audio', ELEM_FLOAT, ['samples'])],
    metadata: {
      model_type: 'kokoro',
      language: 'English',
      voice: 'en-us',
      has_espeak: '1',
      sample_rate: '24000',
      version: '1',
      n_speakers: String(speakers),
      style_dim: `${STYLE_TOKENS},1,${STYLE_WIDTH}`,
      speaker_names: Array.from({ length: speakers }, (_, i) => `voice${i}`).join(',')
    }
  })
  writeFileSync(join(dir, 'model.onnx'), bytes)
  const styles = randomWeights(speakers * STYLE_TOKENS * STYLE_WIDTH, seed + 2)
  writeFileSync(join(dir, 'voices.bin'), new Uint8Array(styles.buffer))
  writeFileSync(join(dir, 'tokens.txt'), symbols.map((c, id) => (c === ' ' ? `${id}` : `${c} ${id}`)).join('\n') + '\n')
  return dir
}
