import type { z } from 'zod'
import type { ApiMethod, MethodInput } from '../../shared/contract'

/** True only when A and B are the same type: optional fields, nested objects and extra keys all count. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** Expands intersections and nested objects, so two spellings of one type compare equal. */
type Plain<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? Plain<E>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T

/** A schema whose parsed value is the contract input of M. */
export type SchemaFor<M extends ApiMethod> = z.ZodType<MethodInput<M>>

/** The schema S when it parses to exactly the contract input of M; otherwise a type no schema has. */
export type ExactSchemaFor<M extends ApiMethod, S extends z.ZodType> =
  Equals<Plain<z.output<S>>, Plain<MethodInput<M>>> extends true
    ? S
    : { schemaDiffersFromContract: M; schema: Plain<z.output<S>>; contract: Plain<MethodInput<M>> }

/** One schema per contract method, each parsing to exactly that method's input. */
export type InputSchemas = { [M in ApiMethod]: SchemaFor<M> }

/**
 * Checks a whole table of schemas against the contract: a method without a schema, a contract field the schema lacks
 * (z.object would silently strip it), a field the contract lacks, or a field typed differently fails typecheck.
 */
export function checkSchemas<T extends InputSchemas>(
  schemas: T & { [M in ApiMethod]: ExactSchemaFor<M, T[M]> }
): InputSchemas {
  return schemas
}

/** The same check for one method's schema (tests/schemaDrift.typecheck.ts shows what fails). */
export function schemaFor<M extends ApiMethod>(): <S extends z.ZodType>(schema: S & ExactSchemaFor<M, S>) => S {
  return (schema) => schema
}
