import type { Llama, LlamaGrammar } from 'node-llama-cpp'
import { createJsonGrammar } from './createJsonGrammar'

/** Compiling a grammar for a large schema takes a noticeable time; the same schemas come back every turn. */
export class GrammarCache {
  private readonly grammars = new Map<string, LlamaGrammar>()

  constructor(private readonly getLlama: () => Promise<Llama>) {}

  async forSchema(schema: object): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema)
    let grammar = this.grammars.get(key)
    if (!grammar) {
      grammar = await createJsonGrammar(await this.getLlama(), schema)
      this.grammars.set(key, grammar)
    }
    return grammar
  }
}
