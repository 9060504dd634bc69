import type { FieldProblem } from '../runtime/index.js'

/**
 * The top-level fields of a JSON object that passed their type checks; nothing for a
 * non-object. Rule checks run on these, so type and rule problems come back in one answer,
 * each field once.
 */
export function typedFields(
  body: unknown,
  problems: readonly FieldProblem[],
): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {}
  return Object.fromEntries(
    Object.entries(body).filter(
      ([field]) =>
        !problems.some((p) => p.field === `/${field}` || p.field.startsWith(`/${field}/`)),
    ),
  )
}

/** Adds `more` to `problems`, leaving out fields already reported. */
export function addNewProblems(problems: FieldProblem[], more: readonly FieldProblem[]): void {
  const seen = new Set(problems.map((p) => p.field))
  problems.push(...more.filter((p) => !seen.has(p.field)))
}
