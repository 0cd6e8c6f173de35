import { LlamaText, type Llama, type LlamaGrammar } from 'node-llama-cpp'

const INTEGER_RULE = /^integer-number-rule ::= .*$/m
const INTEGER_WITHOUT_EXPONENT = 'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15})'

/**
 * A grammar for JSON matching `schema`, as node-llama-cpp builds it, except that integers cannot take an exponent:
 * its integer rule (3.22.1) allows one, so a model could write "age": -300e-4, which parses to -0.03 (and "1e999"
 * to Infinity). A schema's `integer` must always parse to an integer.
 */
export async function createJsonGrammar(llama: Llama, schema: object): Promise<LlamaGrammar> {
  const grammar = await llama.createGrammarForJsonSchema(schema as never)
  if (!INTEGER_RULE.test(grammar.grammar)) return grammar
  return llama.createGrammar({
    grammar: integersWithoutExponent(grammar.grammar),
    // The same stop and trim node-llama-cpp gives its JSON schema grammars.
    stopGenerationTriggers: [LlamaText(['\n'.repeat(4)])],
    trimWhitespaceSuffix: true
  })
}

export function integersWithoutExponent(grammar: string): string {
  return grammar.replace(INTEGER_RULE, INTEGER_WITHOUT_EXPONENT)
}
