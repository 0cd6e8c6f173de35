import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { resourcesDir } from '../sharedPaths'
import {
  ATTR_INT,
  ELEM_FLOAT,
  ELEM_INT64,
  encodeModel,
  floatTensor,
  int64Tensor,
  valueInfo,
  type Node,
  type Tensor
} from './onnxProto'

export type TinyOnnxModel =
  | { task: 'text-classification'; labels: readonly string[]; hidden?: number; seed?: number }
  | { task: 'feature-extraction'; dimensions: number; seed?: number }

/** Seeded uniform weights in [-1, 1): the model is random, its format and shapes are real. */
export function randomWeights(count: number, seed: number): Float32Array {
  const out = new Float32Array(count)
  let state = seed >>> 0 || 1
  for (let i = 0; i < count; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    out[i] = ((state >>> 0) / 2 ** 32) * 2 - 1
  }
  return out
}

const VOCAB_SIZE = 29528 // the bundled potion tokenizer's WordPiece vocabulary, used as the model's tokenizer

/**
 * A BERT-shaped token encoder: input_ids -> embedding lookup -> a dense layer (last_hidden_state, what a
 * feature-extraction pipeline pools) -> masked mean pool -> a classifier (logits, what text-classification reads).
 */
function buildGraph(model: TinyOnnxModel): Uint8Array {
  const seed = model.seed ?? 7
  const hidden = model.task === 'feature-extraction' ? model.dimensions : (model.hidden ?? 16)
  const initializers: Tensor[] = [
    floatTensor('embeddings', [VOCAB_SIZE, hidden], randomWeights(VOCAB_SIZE * hidden, seed)),
    floatTensor('dense', [hidden, hidden], randomWeights(hidden * hidden, seed + 1)),
    int64Tensor('axis_last', [-1]),
    int64Tensor('axis_seq', [1])
  ]
  const nodes: Node[] = [
    { opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['tokens'] },
    { opType: 'MatMul', input: ['tokens', 'dense'], output: ['projected'] },
    { opType: 'Tanh', input: ['projected'], output: ['last_hidden_state'] }
  ]
  const outputs = [valueInfo('last_hidden_state', ELEM_FLOAT, ['batch', 'sequence', hidden])]
  if (model.task === 'text-classification') {
    const labels = model.labels.length
    initializers.push(
      floatTensor('classifier', [hidden, labels], randomWeights(hidden * labels, seed + 2)),
      floatTensor('bias', [labels], randomWeights(labels, seed + 3))
    )
    nodes.push(
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask'],
        attribute: [{ name: 'to', type: ATTR_INT, i: 1 }]
      },
      { opType: 'Unsqueeze', input: ['mask', 'axis_last'], output: ['mask3'] },
      { opType: 'Mul', input: ['last_hidden_state', 'mask3'], output: ['masked'] },
      {
        opType: 'ReduceSum',
        input: ['masked', 'axis_seq'],
        output: ['summed'],
        attribute: [{ name: 'keepdims', type: ATTR_INT, i: 0 }]
      },
      {
        opType: 'ReduceSum',
        input: ['mask3', 'axis_seq'],
        output: ['count'],
        attribute: [{ name: 'keepdims', type: ATTR_INT, i: 0 }]
      },
      { opType: 'Div', input: ['summed', 'count'], output: ['pooled'] },
      { opType: 'MatMul', input: ['pooled', 'classifier'], output: ['scores'] },
      { opType: 'Add', input: ['scores', 'bias'], output: ['logits'] }
    )
    outputs.splice(0, 1, valueInfo('logits', ELEM_FLOAT, ['batch', labels]))
  }
  return encodeModel({
    nodes,
    initializers,
    inputs: [
      valueInfo('input_ids', ELEM_INT64, ['batch', 'sequence']),
      valueInfo('attention_mask', ELEM_INT64, ['batch', 'sequence'])
    ],
    outputs
  })
}

/**
 * Writes a model folder in the Hugging Face layout (config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model.onnx and onnx/model_quantized.onnx), as a user downloads it, with random weights.
 */
export function writeTinyOnnxModel(dir: string, model: TinyOnnxModel): string {
  mkdirSync(join(dir, 'onnx'), { recursive: true })
  const config: Record<string, unknown> = {
    model_type: 'bert',
    architectures: [model.task === 'text-classification' ? 'BertForSequenceClassification' : 'BertModel'],
    hidden_size: model.task === 'feature-extraction' ? model.dimensions : (model.hidden ?? 16),
    vocab_size: VOCAB_SIZE
  }
  if (model.task === 'text-classification') {
    config.id2label = Object.fromEntries(model.labels.map((label, i) => [String(i), label]))
    config.label2id = Object.fromEntries(model.labels.map((label, i) => [label, i]))
    config.problem_type = 'multi_label_classification'
  }
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2))
  copyFileSync(join(resourcesDir, 'embeddings', 'potion-base-2M', 'tokenizer.json'), join(dir, 'tokenizer.json'))
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      mask_token: '[MASK]'
    })
  )
  const bytes = buildGraph(model)
  writeFileSync(join(dir, 'onnx', 'model.onnx'), bytes)
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), bytes)
  return dir
}
