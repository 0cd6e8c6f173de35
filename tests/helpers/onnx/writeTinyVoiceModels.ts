import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ELEM_FLOAT, ELEM_INT64, encodeModel, floatTensor, int64Tensor, valueInfo } from './onnxProto'
import { randomWeights } from './writeTinyOnnxModel'

/** The characters a tiny voice knows; anything else in the text is skipped by sherpa-onnx's character frontend. */
const VOICE_CHARACTERS = [..." abcdefghijklmnopqrstuvwxyz.,!?'"]
/** Audio samples produced per input character: enough to hear, small enough to be fast. */
const SAMPLES_PER_TOKEN = 256

export interface TinyVoiceOptions {
  sampleRate?: number
  /** 0 or 1: a single voice (sherpa-onnx's n_speakers); more: a multi-speaker model with a `sid` input. */
  speakers?: number
  seed?: number
  /** Leave out metadata keys sherpa-onnx requires (a broken export) to test refusal. */
  omitMetadata?: string[]
  /** A graph that loads but fails when run (its audio cannot take the shape asked for): a broken export. */
  isBrokenAtRun?: boolean
  /**
   * coqui (the default): characters in, tokens.txt of letters. piper: a Piper export as sherpa-onnx ships it, whose
   * text espeak-ng turns into IPA phonemes (tokens.txt of phonemes with Piper's pad "_", start "^" and end "$"); the
   * espeak-ng-data folder is not written: the app finds one.
   */
  layout?: 'coqui' | 'piper'
}

/**
 * The phonemes espeak-ng gives English text (IPA letters, stress and length marks, punctuation), after Piper's pad,
 * start and end symbols; a phoneme missing here is skipped by sherpa-onnx, as a real voice skips unknown ones.
 */
export const PIPER_PHONEMES = [..."_^$ !'(),-.:;?", ...'abdefhijklmnopstuvwxz', ...'æçðøŋœɐɑɒɔɕɛəɚɜɡɪɫɬɹɾʃʊʌʒʔʲˈˌːθᵻ']

/**
 * A VITS voice in the layout sherpa-onnx reads for Coqui exports (vits-coqui-*: model.onnx + tokens.txt, characters as
 * the modelling unit): inputs x [1, T] int64, x_length [1], scales [3] (noise, length, noise_w) and, for several
 * speakers, sid [1]; output y [1, 1, samples]. The weights are random: each character becomes SAMPLES_PER_TOKEN
 * samples of a tanh of its embedding, so the audio length follows the text as a real voice's does.
 */
export function writeTinyVitsVoice(dir: string, options: TinyVoiceOptions = {}): string {
  mkdirSync(dir, { recursive: true })
  const seed = options.seed ?? 11
  const speakers = options.speakers ?? 1
  const isPiper = options.layout === 'piper'
  const symbols = isPiper ? PIPER_PHONEMES : VOICE_CHARACTERS
  const vocab = symbols.length
  const inputs = [
    valueInfo('x', ELEM_INT64, [1, 'T']),
    valueInfo('x_length', ELEM_INT64, [1]),
    valueInfo('scales', ELEM_FLOAT, [3])
  ]
  const nodes = [
    { opType: 'Gather', input: ['embeddings', 'x'], output: ['frames'] },
    { opType: 'Tanh', input: ['frames'], output: ['shaped'] },
    // Half amplitude: random weights at full scale clip.
    { opType: 'Mul', input: ['shaped', 'half'], output: ['quiet'] },
    { opType: 'Reshape', input: ['quiet', 'audio_shape'], output: ['y'] }
  ]
  const initializers = [
    floatTensor('embeddings', [vocab, SAMPLES_PER_TOKEN], randomWeights(vocab * SAMPLES_PER_TOKEN, seed)),
    floatTensor('half', [1], Float32Array.of(0.5)),
    // A shape no audio length fits (7 x 3 x 5 samples) makes ONNX Runtime fail inside the run.
    int64Tensor('audio_shape', options.isBrokenAtRun ? [7, 3, 5] : [1, 1, -1])
  ]
  if (speakers > 1) {
    inputs.push(valueInfo('sid', ELEM_INT64, [1]))
    // Each speaker shifts the embeddings by its own offset, so speakers differ.
    initializers.push(
      floatTensor(
        'speaker_offsets',
        [speakers, SAMPLES_PER_TOKEN],
        randomWeights(speakers * SAMPLES_PER_TOKEN, seed + 1)
      )
    )
    nodes.splice(
      1,
      1,
      { opType: 'Gather', input: ['speaker_offsets', 'sid'], output: ['offset'] },
      { opType: 'Add', input: ['frames', 'offset'], output: ['moved'] },
      { opType: 'Tanh', input: ['moved'], output: ['shaped'] }
    )
  }
  const metadata: Record<string, string> = {
    model_type: 'vits',
    comment: isPiper ? 'piper' : 'coqui',
    language: 'English',
    ...(isPiper ? { voice: 'en-us' } : { frontend: 'characters' }),
    sample_rate: String(options.sampleRate ?? 22_050),
    n_speakers: String(speakers),
    add_blank: '0',
    use_eos_bos: '0',
    blank_id: '0',
    bos_id: '0',
    eos_id: '0',
    pad_id: '0'
  }
  for (const key of options.omitMetadata ?? []) delete metadata[key]
  const bytes = encodeModel({
    nodes,
    initializers,
    inputs,
    outputs: [valueInfo('y', ELEM_FLOAT, [1, 1, 'samples'])],
    metadata
  })
  writeFileSync(join(dir, 'model.onnx'), bytes)
  // sherpa-onnx's tokens.txt: "<symbol> <id>" per line; a line holding only an id is the space.
  writeFileSync(join(dir, 'tokens.txt'), symbols.map((c, id) => (c === ' ' ? `${id}` : `${c} ${id}`)).join('\n') + '\n')
  return dir
}

/** The recogniser's vocabulary: blank, then a few word pieces (▁ starts a word, as in sherpa-onnx's BPE models). */
const RECOGNIZER_TOKENS = ['<blk>', '▁the', '▁a', 's', 'e', 't', '▁and', 'o', '▁you', 'n', 'i', '▁country']
const FEATURE_DIM = 80

/**
 * A CTC recogniser in sherpa-onnx's offline Zipformer-CTC layout (model.onnx + tokens.txt): input features [N, T, 80]
 * (the 80-bin fbank sherpa-onnx computes from 16 kHz audio) and their lengths [N]; outputs log_probs [N, T, vocab] and
 * log_probs_len [N]. One random linear layer and a log-softmax: the transcript is noise, but it comes from exactly
 * the path a real model takes (features, the network, greedy CTC decoding, tokens.txt).
 */
export function writeTinyCtcRecognizer(dir: string, seed = 5): string {
  mkdirSync(dir, { recursive: true })
  const vocab = RECOGNIZER_TOKENS.length
  const bytes = encodeModel({
    nodes: [
      { opType: 'MatMul', input: ['x', 'weights'], output: ['scores'] },
      { opType: 'Add', input: ['scores', 'bias'], output: ['logits'] },
      { opType: 'LogSoftmax', input: ['logits'], output: ['log_probs'], attribute: [{ name: 'axis', type: 2, i: -1 }] },
      { opType: 'Identity', input: ['x_lens'], output: ['log_probs_len'] }
    ],
    initializers: [
      floatTensor(
        'weights',
        [FEATURE_DIM, vocab],
        randomWeights(FEATURE_DIM * vocab, seed).map((w) => w * 0.2)
      ),
      floatTensor('bias', [vocab], randomWeights(vocab, seed + 1))
    ],
    inputs: [valueInfo('x', ELEM_FLOAT, ['N', 'T', FEATURE_DIM]), valueInfo('x_lens', ELEM_INT64, ['N'])],
    outputs: [valueInfo('log_probs', ELEM_FLOAT, ['N', 'T', vocab]), valueInfo('log_probs_len', ELEM_INT64, ['N'])],
    metadata: { model_type: 'zipformer2_ctc', comment: 'ai-anime test recogniser' }
  })
  writeFileSync(join(dir, 'model.onnx'), bytes)
  writeFileSync(join(dir, 'tokens.txt'), RECOGNIZER_TOKENS.map((t, id) => `${t} ${id}`).join('\n') + '\n')
  return dir
}
