import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ATTR_INT,
  ATTR_INTS,
  ELEM_FLOAT,
  ELEM_INT64,
  encodeModel,
  floatTensor,
  int64Tensor,
  valueInfo
} from './onnxProto'
import { PIPER_PHONEMES } from './writeTinyVoiceModels'
import { randomWeights } from './writeTinyOnnxModel'

/** The mel bins of icefall's Matcha exports and of sherpa-onnx's vocoders. */
const MEL_BINS = 80
/** Mel frames per phoneme: a real model predicts a duration per phoneme; here each lasts this long. */
const FRAMES_PER_TOKEN = 4
/** Samples per mel frame (the hop of sherpa-onnx's 22 kHz vocoders). */
const HOP = 256

/** Swaps the last two axes: [1, frames, bins] to [1, bins, frames] and back. */
const transpose = { name: 'perm', type: ATTR_INTS, ints: [0, 2, 1] }
const axis0 = { name: 'axis', type: ATTR_INT, i: 0 }

export interface TinyMatchaOptions {
  sampleRate?: number
  seed?: number
  /** hifigan (the default): audio out; vocos: magnitude and phase out, turned into audio by sherpa-onnx's iSTFT. */
  vocoder?: 'hifigan' | 'vocos'
  /** Leave out metadata keys of the acoustic model (a broken export) to test refusal. */
  omitMetadata?: string[]
}

/**
 * A Matcha voice in the layout of sherpa-onnx's matcha-icefall-en_US-ljspeech with a vocoder from its vocoder-models
 * release: model-steps-3.onnx (inputs x [1, T] int64, x_length [1], noise_scale [1], length_scale [1]; output mel
 * [1, 80, frames]; the metadata sherpa-onnx 1.13.8 reads), hifigan_v2.onnx or vocos-22khz-univ.onnx, tokens.txt of
 * espeak-ng's IPA phonemes with Piper's "_", "^" and "$" (espeak-ng-data is not written: the app finds one).
 * Random weights: each phoneme becomes FRAMES_PER_TOKEN mel frames times length_scale, each frame HOP samples, so the
 * audio's length follows the text and the speed as a real voice's does.
 */
export function writeTinyMatchaVoice(dir: string, options: TinyMatchaOptions = {}): string {
  mkdirSync(dir, { recursive: true })
  const seed = options.seed ?? 31
  const vocab = PIPER_PHONEMES.length
  const metadata: Record<string, string> = {
    model_type: 'matcha-tts',
    language: 'English',
    voice: 'en-us',
    has_espeak: '1',
    jieba: '0',
    n_speakers: '1',
    sample_rate: String(options.sampleRate ?? 22_050),
    version: '1',
    pad_id: '0',
    use_eos_bos: '1'
  }
  for (const key of options.omitMetadata ?? []) delete metadata[key]
  const acoustic = encodeModel({
    nodes: [
      { opType: 'Gather', input: ['embeddings', 'x'], output: ['frames'] },
      // The noise scale is read (a real model samples noise with it) but changes nothing here.
      { opType: 'Sub', input: ['noise_scale', 'noise_scale'], output: ['zero_noise'] },
      { opType: 'Add', input: ['frames', 'zero_noise'], output: ['noised'] },
      { opType: 'Reshape', input: ['noised', 'frame_shape'], output: ['by_frame'] },
      // length_scale (1 / speed) stretches the frames, as a real model stretches its phoneme durations.
      { opType: 'Concat', input: ['one', 'length_scale', 'one'], output: ['stretch'], attribute: [axis0] },
      { opType: 'Resize', input: ['by_frame', '', 'stretch'], output: ['stretched'] },
      { opType: 'Transpose', input: ['stretched'], output: ['mel'], attribute: [transpose] }
    ],
    initializers: [
      floatTensor(
        'embeddings',
        [vocab, FRAMES_PER_TOKEN * MEL_BINS],
        randomWeights(vocab * FRAMES_PER_TOKEN * MEL_BINS, seed)
      ),
      int64Tensor('frame_shape', [1, -1, MEL_BINS]),
      floatTensor('one', [1], Float32Array.of(1))
    ],
    inputs: [
      valueInfo('x', ELEM_INT64, [1, 'T']),
      valueInfo('x_length', ELEM_INT64, [1]),
      valueInfo('noise_scale', ELEM_FLOAT, [1]),
      valueInfo('length_scale', ELEM_FLOAT, [1])
    ],
    outputs: [valueInfo('mel', ELEM_FLOAT, [1, MEL_BINS, 'frames'])],
    metadata
  })
  writeFileSync(join(dir, 'model-steps-3.onnx'), acoustic)
  const isVocos = options.vocoder === 'vocos'
  writeFileSync(
    join(dir, isVocos ? 'vocos-22khz-univ.onnx' : 'hifigan_v2.onnx'),
    isVocos ? vocosVocoder(seed + 1) : hifiganVocoder(seed + 1)
  )
  writeFileSync(
    join(dir, 'tokens.txt'),
    PIPER_PHONEMES.map((c, id) => (c === ' ' ? `${id}` : `${c} ${id}`)).join('\n') + '\n'
  )
  return dir
}

/** HiFi-GAN as sherpa-onnx's export: mel [1, 80, frames] in, audio [1, frames x HOP] out; model_type hifigan. */
function hifiganVocoder(seed: number): Uint8Array {
  return encodeModel({
    nodes: [
      { opType: 'Transpose', input: ['mel'], output: ['by_frame'], attribute: [transpose] },
      { opType: 'MatMul', input: ['by_frame', 'upsample'], output: ['frames'] },
      { opType: 'Tanh', input: ['frames'], output: ['shaped'] },
      // Half amplitude: random weights at full scale clip.
      { opType: 'Mul', input: ['shaped', 'half'], output: ['quiet'] },
      { opType: 'Reshape', input: ['quiet', 'audio_shape'], output: ['audio'] }
    ],
    initializers: [
      floatTensor(
        'upsample',
        [MEL_BINS, HOP],
        randomWeights(MEL_BINS * HOP, seed).map((w) => w * 0.2)
      ),
      floatTensor('half', [1], Float32Array.of(0.5)),
      int64Tensor('audio_shape', [1, -1])
    ],
    inputs: [valueInfo('mel', ELEM_FLOAT, [1, MEL_BINS, 'frames'])],
    outputs: [valueInfo('audio', ELEM_FLOAT, [1, 'samples'])],
    metadata: { model_type: 'hifigan', sample_rate: '22050' }
  })
}

/** Frequency bins of a 1024-point FFT: n_fft / 2 + 1. */
const BINS = 1024 / 2 + 1

/**
 * Vocos as sherpa-onnx's export: mels [1, 80, frames] in; the magnitude and the cosine and sine of the phase
 * [1, 513, frames] out, which sherpa-onnx turns into audio with an inverse STFT (n_fft 1024, hop 256, hann).
 */
function vocosVocoder(seed: number): Uint8Array {
  return encodeModel({
    nodes: [
      { opType: 'Transpose', input: ['mels'], output: ['by_frame'], attribute: [transpose] },
      { opType: 'MatMul', input: ['by_frame', 'to_bins'], output: ['spectrum'] },
      { opType: 'Transpose', input: ['spectrum'], output: ['by_bin'], attribute: [transpose] },
      { opType: 'Sigmoid', input: ['by_bin'], output: ['mag'] },
      { opType: 'Cos', input: ['by_bin'], output: ['x'] },
      { opType: 'Sin', input: ['by_bin'], output: ['y'] }
    ],
    initializers: [
      floatTensor(
        'to_bins',
        [MEL_BINS, BINS],
        randomWeights(MEL_BINS * BINS, seed).map((w) => w * 0.2)
      )
    ],
    inputs: [valueInfo('mels', ELEM_FLOAT, [1, MEL_BINS, 'frames'])],
    outputs: [
      valueInfo('mag', ELEM_FLOAT, [1, BINS, 'frames']),
      valueInfo('x', ELEM_FLOAT, [1, BINS, 'frames']),
      valueInfo('y', ELEM_FLOAT, [1, BINS, 'frames'])
    ],
    metadata: {
      model_type: 'vocos',
      n_fft: '1024',
      hop_length: '256',
      win_length: '1024',
      window_type: 'hann',
      center: '1',
      pad_mode: 'reflect',
      normalized: '0',
      sample_rate: '22050'
    }
  })
}
