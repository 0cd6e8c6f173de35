import { describe, expect, it } from 'vitest'
import { parsePartialJson } from './parsePartialJson'

describe('parsePartialJson', () => {
  it('reads the fields written so far, including an unfinished string and list', () => {
    expect(parsePartialJson('{"name":"Ny')).toEqual({ name: 'Ny' })
    expect(parsePartialJson('{"name":"Nyx","traits":["sly","cle')).toEqual({ name: 'Nyx', traits: ['sly', 'cle'] })
    expect(parsePartialJson('{"name":"Nyx","age"')).toEqual({ name: 'Nyx' })
    expect(parsePartialJson('{"name":"Nyx","age":')).toEqual({ name: 'Nyx' })
    expect(parsePartialJson('{"name":"Nyx",')).toEqual({ name: 'Nyx' })
    expect(parsePartialJson('{"quote":"say \\"hi')).toEqual({ quote: 'say "hi' })
  })

  it('returns the whole object when complete and null for nothing useful', () => {
    expect(parsePartialJson('{"a":[1,2],"b":{"c":"d"}}')).toEqual({ a: [1, 2], b: { c: 'd' } })
    expect(parsePartialJson('')).toBeNull()
    expect(parsePartialJson('[1,2')).toBeNull()
  })
})
