import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { TSchema } from 'typebox'
import type { FieldProblem } from './nudge-error.js'

/**
 * Ajv with `allErrors` walks the whole value and reports every violation, which is what lets
 * a caller fix a request, or an operator a config file, in one round.
 */
const ajv = new Ajv({ allErrors: true, strict: false })
const validators = new WeakMap<TSchema, ValidateFunction>()

/**
 * Checks `value` against a TypeBox schema and returns one problem per invalid field, worded
 * for the person who sent it. Alternatives of a union collapse into one "must be one of".
 */
export function schemaProblems(schema: TSchema, value: unknown): FieldProblem[] {
  let validate = validators.get(schema)
  if (validate === undefined) {
    validate = ajv.compile(schema)
    validators.set(schema, validate)
  }
  if (validate(value)) return []
  return fieldProblems(validate.errors ?? [])
}

/** One problem per field from a JSON Schema validator's raw errors (Ajv's shape). */
export function fieldProblems(errors: readonly ErrorObject[]): FieldProblem[] {
  const byField = new Map<string, FieldProblem>()
  const allowed = new Map<string, unknown[]>()
  for (const error of errors) collect(error, byField, allowed)

  for (const [field, values] of allowed) {
    if (byField.get(field)?.code === 'INVALID_TYPE') continue
    const list = values.map((v) => JSON.stringify(v)).join(', ')
    byField.set(field, { field, code: 'INVALID', message: `must be one of ${list}` })
  }
  // A type error on a field whose insides were reported too comes from another branch of a
  // union (`{…} | null`): the value has the object's type, and the inner problem says more.
  const fields = [...byField.keys()]
  for (const [field, problem] of byField) {
    const hasInner = fields.some((f) => f.startsWith(`${field}/`))
    if (problem.code === 'INVALID_TYPE' && hasInner) byField.delete(field)
  }
  return [...byField.values()]
}

function collect(
  error: ErrorObject,
  byField: Map<string, FieldProblem>,
  allowed: Map<string, unknown[]>,
): void {
  const path = error.instancePath
  const child = (name: unknown): string => `${path}/${String(name)}`

  switch (error.keyword) {
    case 'required': {
      const field = child(error.params['missingProperty'])
      byField.set(field, { field, code: 'REQUIRED', message: 'is required' })
      return
    }
    case 'additionalProperties': {
      const field = child(error.params['additionalProperty'])
      byField.set(field, { field, code: 'UNKNOWN_FIELD', message: 'is not a known field' })
      return
    }
    case 'const':
      allowed.set(path, [...(allowed.get(path) ?? []), error.params['allowedValue']])
      return
    case 'anyOf':
      return
    case 'type': {
      // A union reports a type error per branch; the first one says enough.
      const field = path === '' ? '/' : path
      if (!byField.has(field)) {
        byField.set(field, { field, code: 'INVALID_TYPE', message: error.message ?? 'wrong type' })
      }
      return
    }
    default: {
      const field = path === '' ? '/' : path
      if (!byField.has(field)) {
        byField.set(field, { field, code: 'INVALID', message: error.message ?? 'is invalid' })
      }
    }
  }
}
