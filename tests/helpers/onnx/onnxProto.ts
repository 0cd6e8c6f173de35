import protobuf from 'protobufjs'

/**
 * The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) a small inference graph needs, with the field
 * numbers of the real schema, so the bytes written are a real ONNX model that onnxruntime loads.
 */
const ONNX_SCHEMA = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            metadataProps: { rule: 'repeated', type: 'StringStringEntryProto', id: 14 }
          }
        },
        StringStringEntryProto: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 }
          }
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 }
          }
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
            type: { type: 'int32', id: 20 }
          }
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 },
            rawData: { type: 'bytes', id: 9 }
          }
        },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: { fields: { tensorType: { type: 'TensorTypeProto', id: 1 } } },
        TensorTypeProto: {
          fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } }
        },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: { fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } } }
      }
    }
  }
}

const root = protobuf.Root.fromJSON(ONNX_SCHEMA)
export const ModelProto = root.lookupType('onnx.ModelProto')

export const ELEM_FLOAT = 1
export const ELEM_INT32 = 6
export const ELEM_INT64 = 7
export const ATTR_FLOAT = 1
export const ATTR_INT = 2
export const ATTR_INTS = 7

export interface Node {
  opType: string
  input: string[]
  output: string[]
  attribute?: { name: string; type: number; f?: number; i?: number; ints?: number[] }[]
}

export interface Tensor {
  name: string
  dims: number[]
  dataType: number
  rawData: Uint8Array
}

export function floatTensor(name: string, dims: number[], values: Float32Array): Tensor {
  return {
    name,
    dims,
    dataType: ELEM_FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
  }
}

export function int64Tensor(name: string, values: number[]): Tensor {
  const data = new BigInt64Array(values.map(BigInt))
  return { name, dims: [values.length], dataType: ELEM_INT64, rawData: new Uint8Array(data.buffer) }
}

export function valueInfo(name: string, elemType: number, dims: (number | string)[]): object {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) }
      }
    }
  }
}

/** Serialises a graph as an ONNX model (IR 8, default opset 13), with optional metadata (what sherpa-onnx reads). */
export function encodeModel(graph: {
  nodes: Node[]
  initializers: Tensor[]
  inputs: object[]
  outputs: object[]
  metadata?: Record<string, string>
}): Uint8Array {
  const message = ModelProto.fromObject({
    irVersion: 8,
    producerName: 'ai-anime-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny',
      node: graph.nodes.map((n, i) => ({ ...n, name: `${n.opType}_${i}` })),
      initializer: graph.initializers,
      input: graph.inputs,
      output: graph.outputs
    },
    metadataProps: Object.entries(graph.metadata ?? {}).map(([key, value]) => ({ key, value }))
  })
  return ModelProto.encode(message).finish()
}
