import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ATTR_INT, ELEM_FLOAT, ELEM_INT32, encodeModel, floatTensor, int64Tensor, valueInfo } from './onnxProto'
import { randomWeights } from './writeTinyOnnxModel'

/** SenseVoice's first four outputs are its language, emotion, event and text-normalisation tags; then the text. */
const TOKENS = ['<blank>', '<|en|>', '<|NEUTRAL|>', '<|Speech|>', '<|woitn|>', '▁the', '▁a', 's', 'e', 't', '▁you']
/** 80 fbank bins, stacked 7 frames at a time (low frame rate): SenseVoice's 560 input features. */
const LFR_WINDOW = 7
const FEATURES = 80 * LFR_WINDOW

/**
 * A SenseVoice recogniser in sherpa-onnx's layout (model.onnx + tokens.txt): inputs x [N, T, 560] (low-frame-rate
 * fbank, normalised with the metadata's neg_mean and inv_stddev), x_length, language and text_norm [N] int32; output
 * logits [N, 4 + T, vocab] (four tag frames, then one per input frame); the metadata sherpa-onnx requires. One random
 * linear layer: the transcript is noise, read through exactly the path a real model takes.
 */
export function writeTinySenseVoiceRecognizer(dir: string, seed = 31): string {
  mkdirSync(dir, { recursive: true })
  const vocab = TOKENS.length
  // The tag frames say <|en|> <|NEUTRAL|> <|Speech|> <|woitn|>, as a real model's do.
  const tags = new Float32Array(4 * vocab).fill(-10)
  for (let frame = 0; frame < 4; frame++) tags[frame * vocab + frame + 1] = 0
  const bytes = encodeModel({
    nodes: [
      { opType: 'MatMul', input: ['x', 'weights'], output: ['scores'] },
      { opType: 'Add', input: ['scores', 'bias'], output: ['frame_logits'] },
      {
        opType: 'Concat',
        input: ['tags', 'frame_logits'],
        output: ['all'],
        attribute: [{ name: 'axis', type: ATTR_INT, i: 1 }]
      },
      {
        opType: 'LogSoftmax',
        input: ['all'],
        output: ['log_probs'],
        attribute: [{ name: 'axis', type: ATTR_INT, i: -1 }]
      },
      // The other inputs are read (a real model conditions on them) and change nothing here.
      { opType: 'Add', input: ['x_length', 'language'], output: ['ints'] },
      { opType: 'Add', input: ['ints', 'text_norm'], output: ['more_ints'] },
      {
        opType: 'Cast',
        input: ['more_ints'],
        output: ['as_float'],
        attribute: [{ name: 'to', type: ATTR_INT, i: ELEM_FLOAT }]
      },
      { opType: 'Mul', input: ['as_float', 'zero'], output: ['nothing'] },
      { opType: 'Unsqueeze', input: ['nothing', 'axes'], output: ['nothing3'] },
      { opType: 'Add', input: ['log_probs', 'nothing3'], output: ['logits'] }
    ],
    initializers: [
      floatTensor(
        'weights',
        [FEATURES, vocab],
        randomWeights(FEATURES * vocab, seed).map((w) => w * 0.05)
      ),
      // Text frames never say a tag (ids 1-4), as a real model's do not.
      floatTensor(
        'bias',
        [vocab],
        randomWeights(vocab, seed + 1).map((b, id) => (id >= 1 && id <= 4 ? -20 : b))
      ),
      floatTensor('tags', [1, 4, vocab], tags),
      floatTensor('zero', [1], Float32Array.of(0)),
      int64Tensor('axes', [1, 2])
    ],
    inputs: [
      valueInfo('x', ELEM_FLOAT, ['N', 'T', FEATURES]),
      valueInfo('x_length', ELEM_INT32, ['N']),
      valueInfo('language', ELEM_INT32, ['N']),
      valueInfo('text_norm', ELEM_INT32, ['N'])
    ],
    outputs: [valueInfo('logits', ELEM_FLOAT, ['N', 'T4', vocab])],
    metadata: {
      model_type: 'sense_voice_ctc',
      comment: 'ai-anime test recogniser',
      vocab_size: String(vocab),
      blank_id: '0',
      lfr_window_size: String(LFR_WINDOW),
      lfr_window_shift: '6',
      normalize_samples: '0',
      with_itn: '14',
      without_itn: '15',
      lang_auto: '0',
      lang_zh: '3',
      lang_en: '4',
      lang_ja: '11',
      lang_ko: '12',
      lang_yue: '7',
      neg_mean: Array.from({ length: FEATURES }, () => '-8').join(','),
      inv_stddev: Array.from({ length: FEATURES }, () => '0.25').join(',')
    }
  })
  writeFileSync(join(dir, 'model.onnx'), bytes)
  writeFileSync(join(dir, 'tokens.txt'), TOKENS.map((t, id) => `${t} ${id}`).join('\n') + '\n')
  return dir
}
