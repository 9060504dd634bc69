import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { Value } from 'typebox/value'
import type { FieldProblem } from './nudge-error.js'

interface RawError {
  readonly keyword: string
  readonly instancePath: string
  readonly params: Readonly<Record<string, unknown>>
  readonly message: string
}

/**
 * Checks `value` against a TypeBox schema and returns one problem per invalid field, worded
 * for the person who sent it. Alternatives of a union collapse into one "must be one of".
 */
export function schemaProblems(schema: TSchema, value: unknown): FieldProblem[] {
  if (checkerFor(schema)(value)) return []

  const byField = new Map<string, FieldProblem>()
  const allowed = new Map<string, unknown[]>()

  for (const error of Value.Errors(schema, value) as unknown as RawError[]) {
    const path = error.instancePath === '' ? '/' : error.instancePath
    if (error.keyword === 'required') {
      const names = (error.params['requiredProperties'] as string[] | undefined) ?? []
      for (const name of names) {
        const field = `${path === '/' ? '' : path}/${name}`
        byField.set(field, { field, code: 'REQUIRED', message: 'is required' })
      }
    } else if (error.keyword === 'additionalProperties') {
      const names = (error.params['additionalProperties'] as string[] | undefined) ?? []
      for (const name of names) {
        const field = `${path === '/' ? '' : path}/${name}`
        byField.set(field, { field, code: 'UNKNOWN_FIELD', message: 'is not a known field' })
      }
    } else if (error.keyword === 'const') {
      allowed.set(path, [...(allowed.get(path) ?? []), error.params['allowedValue']])
    } else if (error.keyword === 'boolean' || error.keyword === 'anyOf') {
      continue
    } else if (!byField.has(path)) {
      byField.set(path, { field: path, code: 'INVALID', message: error.message })
    }
  }

  for (const [field, values] of allowed) {
    const list = values.map((v) => JSON.stringify(v)).join(', ')
    byField.set(field, { field, code: 'INVALID', message: `must be one of ${list}` })
  }
  return [...byField.values()]
}

const checkers = new WeakMap<TSchema, (value: unknown) => boolean>()

/** A compiled check per schema: valid input, the common case, costs one call. */
function checkerFor(schema: TSchema): (value: unknown) => boolean {
  let check = checkers.get(schema)
  if (check === undefined) {
    const compiled = Compile(schema)
    check = (value) => compiled.Check(value)
    checkers.set(schema, check)
  }
  return check
}
