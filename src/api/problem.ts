import type { FastifyError, FastifyReply } from 'fastify'
import type { ErrorObject } from 'ajv'
import { WebhookPayloadError } from '../commerce/index.js'
import { ContactImportError } from '../compliance/index.js'
import { fieldProblems, NudgeError, ValidationError, type FieldProblem } from '../runtime/index.js'
import { PROBLEM_TYPES, problemTypeUri } from './problem-types.js'

/** An RFC 9457 problem document as Nudge sends it. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly instance?: string
  readonly errors?: readonly FieldProblem[]
}

/** Fastify's own 4xx codes, translated to ours. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_REQUEST',
}

/** Builds the problem for a known error, or undefined for a bug (answered as a bare 500). */
export function problemFor(error: unknown, instance: string): Problem | undefined {
  if (error instanceof ValidationError) {
    return build('VALIDATION_FAILED', error.message, instance, error.problems)
  }
  if (error instanceof ContactImportError || error instanceof WebhookPayloadError) {
    return build(error.code, error.message, instance, error.problems)
  }
  if (error instanceof NudgeError) {
    return build(
      PROBLEM_TYPES[error.code] ? error.code : 'MALFORMED_REQUEST',
      error.message,
      instance,
    )
  }

  const fastifyError = error as Partial<FastifyError>
  if (fastifyError.validation !== undefined) {
    // Query and path parameters are named like body fields: `/limit`, not `/querystring/limit`.
    const problems = fieldProblems(fastifyError.validation as unknown as ErrorObject[])
    const detail = `${problems.length} invalid field(s): ${problems.map((p) => p.field).join(', ')}`
    return build('VALIDATION_FAILED', detail, instance, problems)
  }
  const status = fastifyError.statusCode ?? 500
  if (status >= 400 && status < 500) {
    const code = FASTIFY_CODES[fastifyError.code ?? ''] ?? 'MALFORMED_REQUEST'
    return build(code, fastifyError.message ?? 'bad request', instance)
  }
  return undefined
}

export function internalProblem(instance: string): Problem {
  return build('INTERNAL', 'internal error', instance)
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

function build(
  code: string,
  detail: string,
  instance: string,
  errors?: readonly FieldProblem[],
): Problem {
  const type = PROBLEM_TYPES[code] ?? PROBLEM_TYPES['INTERNAL']!
  return {
    type: problemTypeUri(code),
    title: type.title,
    status: type.status,
    detail,
    code,
    instance,
    ...(errors === undefined ? {} : { errors }),
  }
}
