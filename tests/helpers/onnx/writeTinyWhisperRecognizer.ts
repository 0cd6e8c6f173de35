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
import { randomWeights } from './writeTinyOnnxModel'

/** The text tokens (byte strings, as Whisper's BPE ranks are); tokens.txt holds them base64-encoded. */
const TEXT_TOKENS = [
  ' ',
  ' the',
  ' a',
  ' you',
  ' and',
  ' country',
  ' ask',
  ' what',
  ' can',
  ' do',
  ' for',
  's',
  'e',
  't'
]
const TEXT_VOCAB = TEXT_TOKENS.length
/** Whisper's special tokens follow the text ones (as in tiny.en: eot 50256, sot 50257, ...); tokens.txt omits them. */
const EOT = TEXT_VOCAB
const SOT = TEXT_VOCAB + 1
const TRANSLATE = TEXT_VOCAB + 2
const TRANSCRIBE = TEXT_VOCAB + 3
const NO_SPEECH = TEXT_VOCAB + 4
const NO_TIMESTAMPS = TEXT_VOCAB + 5
/** Then a multilingual model's language tokens (as <|en|> 50259 onwards in tiny). */
const FIRST_LANGUAGE = TEXT_VOCAB + 6
const N_MELS = 80
/** sherpa-onnx decodes at most n_text_ctx / 2 tokens and stops at n_text_ctx - 1 positions. */
const TEXT_CTX = 32
const STATE = 8
const LAYERS = 1
/** From this decoder position on, end-of-text wins: every transcript ends after a handful of tokens. */
const EOT_FROM = 8

export interface TinyWhisperOptions {
  /** The file name prefix of sherpa-onnx's release (tiny.en-encoder.onnx, tiny.en-decoder.onnx, tiny.en-tokens.txt). */
  name?: string
  seed?: number
  /** Leave out metadata keys sherpa-onnx requires (a broken export) to test refusal. */
  omitMetadata?: string[]
  /** A multilingual model's language codes (e.g. ['en', 'de']); none: an English-only model such as tiny.en. */
  languages?: string[]
  /** Metadata values that replace or add to the export's (a broken export, to test refusal). */
  metadata?: Record<string, string>
}

/**
 * A Whisper recogniser (English-only, or multilingual with `languages`) in sherpa-onnx's layout (<name>-encoder.onnx, <name>-decoder.onnx,
 * <name>-tokens.txt of base64 tokens), with the metadata sherpa-onnx's export script writes on the encoder.
 * Encoder: mel [N, 80, T] -> n_layer_cross_k, n_layer_cross_v [layers, N, 1, state] (a random projection of the mean
 * frame). Decoder: tokens [N, n], in_n_layer_self_k_cache and in_n_layer_self_v_cache [layers, N, ctx, state], the
 * cross keys and values, offset [1] -> logits [N, n, vocab] and the caches passed through. One random layer: the
 * words are noise, decoded greedily through exactly the path a real model takes.
 */
export function writeTinyWhisperRecognizer(dir: string, options: TinyWhisperOptions = {}): string {
  mkdirSync(dir, { recursive: true })
  const name = options.name ?? 'tiny.en'
  const seed = options.seed ?? 41
  const vocab = FIRST_LANGUAGE + (options.languages?.length ?? 0)
  writeFileSync(join(dir, `${name}-encoder.onnx`), encoder(seed, vocab, options))
  writeFileSync(join(dir, `${name}-decoder.onnx`), decoder(seed + 10, vocab))
  const lines = TEXT_TOKENS.map((t, id) => `${Buffer.from(t, 'utf8').toString('base64')} ${id}`)
  writeFileSync(join(dir, `${name}-tokens.txt`), lines.join('\n') + '\n')
  return dir
}

function encoder(seed: number, vocab: number, options: TinyWhisperOptions): Uint8Array {
  const languages = options.languages ?? []
  const languageTokens = languages.map((_, i) => FIRST_LANGUAGE + i)
  // A multilingual model starts with sot, a language and the task; sherpa-onnx puts the detected language second.
  const sotSequence = languages.length > 0 ? [SOT, FIRST_LANGUAGE, TRANSCRIBE] : [SOT]
  const weights = (offset: number): Float32Array => randomWeights(N_MELS * STATE, seed + offset)
  return encodeModel({
    nodes: [
      {
        opType: 'ReduceMean',
        input: ['mel'],
        output: ['mean'],
        attribute: [
          { name: 'axes', type: ATTR_INTS, ints: [2] },
          { name: 'keepdims', type: ATTR_INT, i: 0 }
        ]
      },
      { opType: 'MatMul', input: ['mean', 'to_k'], output: ['k'] },
      { opType: 'MatMul', input: ['mean', 'to_v'], output: ['v'] },
      { opType: 'Reshape', input: ['k', 'cross_shape'], output: ['n_layer_cross_k'] },
      { opType: 'Reshape', input: ['v', 'cross_shape'], output: ['n_layer_cross_v'] }
    ],
    initializers: [
      floatTensor('to_k', [N_MELS, STATE], weights(0)),
      floatTensor('to_v', [N_MELS, STATE], weights(1)),
      int64Tensor('cross_shape', [LAYERS, -1, 1, STATE])
    ],
    inputs: [valueInfo('mel', ELEM_FLOAT, ['N', N_MELS, 'T'])],
    outputs: [
      valueInfo('n_layer_cross_k', ELEM_FLOAT, [LAYERS, 'N', 1, STATE]),
      valueInfo('n_layer_cross_v', ELEM_FLOAT, [LAYERS, 'N', 1, STATE])
    ],
    metadata: withoutKeys(options.omitMetadata ?? [], {
      model_type: 'whisper-tiny.en',
      comment: 'ai-anime test recogniser',
      version: '1',
      maintainer: 'ai-anime tests',
      n_mels: String(N_MELS),
      n_audio_ctx: '1',
      n_audio_state: String(STATE),
      n_audio_head: '1',
      n_audio_layer: String(LAYERS),
      n_vocab: String(vocab),
      n_text_ctx: String(TEXT_CTX),
      n_text_state: String(STATE),
      n_text_head: '1',
      n_text_layer: String(LAYERS),
      sot_sequence: sotSequence.join(','),
      ...(languages.length > 0
        ? { all_language_tokens: languageTokens.join(','), all_language_codes: languages.join(',') }
        : {}),
      sot: String(SOT),
      sot_index: '0',
      eot: String(EOT),
      blank_id: '0',
      is_multilingual: languages.length > 0 ? '1' : '0',
      no_speech: String(NO_SPEECH),
      transcribe: String(TRANSCRIBE),
      translate: String(TRANSLATE),
      sot_prev: String(NO_SPEECH),
      sot_lm: String(NO_SPEECH),
      no_timestamps: String(NO_TIMESTAMPS),
      ...options.metadata
    })
  })
}

function decoder(seed: number, vocab: number): Uint8Array {
  // Per position: special tokens never win; end-of-text loses before EOT_FROM and wins from it on.
  const positionBias = new Float32Array(TEXT_CTX * vocab)
  for (let position = 0; position < TEXT_CTX; position++) {
    for (let id = TEXT_VOCAB; id < vocab; id++) positionBias[position * vocab + id] = -50
    positionBias[position * vocab + EOT] = position >= EOT_FROM ? 50 : -50
  }
  return encodeModel({
    nodes: [
      { opType: 'Gather', input: ['embeddings', 'tokens'], output: ['embedded'] },
      { opType: 'Reshape', input: ['n_layer_cross_k', 'audio_shape'], output: ['audio_k'] },
      { opType: 'Reshape', input: ['n_layer_cross_v', 'audio_shape'], output: ['audio_v'] },
      { opType: 'Gather', input: ['positions', 'offset'], output: ['position'] },
      { opType: 'Add', input: ['embedded', 'audio_k'], output: ['with_k'] },
      { opType: 'Add', input: ['with_k', 'audio_v'], output: ['with_audio'] },
      { opType: 'Add', input: ['with_audio', 'position'], output: ['summed'] },
      { opType: 'Tanh', input: ['summed'], output: ['hidden'] },
      { opType: 'MatMul', input: ['hidden', 'to_vocab'], output: ['scores'] },
      { opType: 'Gather', input: ['position_bias', 'offset'], output: ['bias'] },
      { opType: 'Add', input: ['scores', 'bias'], output: ['logits'] },
      // A real decoder writes this step's keys and values into its caches; this one hands them back unchanged.
      { opType: 'Identity', input: ['in_n_layer_self_k_cache'], output: ['out_n_layer_self_k_cache'] },
      { opType: 'Identity', input: ['in_n_layer_self_v_cache'], output: ['out_n_layer_self_v_cache'] }
    ],
    initializers: [
      floatTensor('embeddings', [vocab, STATE], randomWeights(vocab * STATE, seed)),
      floatTensor('positions', [TEXT_CTX, STATE], randomWeights(TEXT_CTX * STATE, seed + 1)),
      floatTensor('to_vocab', [STATE, vocab], randomWeights(STATE * vocab, seed + 2)),
      floatTensor('position_bias', [TEXT_CTX, vocab], positionBias),
      int64Tensor('audio_shape', [-1, 1, STATE])
    ],
    inputs: [
      valueInfo('tokens', ELEM_INT64, ['N', 'n']),
      valueInfo('in_n_layer_self_k_cache', ELEM_FLOAT, [LAYERS, 'N', TEXT_CTX, STATE]),
      valueInfo('in_n_layer_self_v_cache', ELEM_FLOAT, [LAYERS, 'N', TEXT_CTX, STATE]),
      valueInfo('n_layer_cross_k', ELEM_FLOAT, [LAYERS, 'N', 1, STATE]),
      valueInfo('n_layer_cross_v', ELEM_FLOAT, [LAYERS, 'N', 1, STATE]),
      valueInfo('offset', ELEM_INT64, [1])
    ],
    outputs: [
      valueInfo('logits', ELEM_FLOAT, ['N', 'n', vocab]),
      valueInfo('out_n_layer_self_k_cache', ELEM_FLOAT, [LAYERS, 'N', TEXT_CTX, STATE]),
      valueInfo('out_n_layer_self_v_cache', ELEM_FLOAT, [LAYERS, 'N', TEXT_CTX, STATE])
    ]
  })
}

function withoutKeys(keys: string[], metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !keys.includes(key)))
}
