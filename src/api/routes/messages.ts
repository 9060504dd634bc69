import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import {
  acceptMessage,
  checkMessageRequest,
  findMessage,
  listMessages,
  loadMessageTimeline,
  parseRecipient,
  toMessageResource,
  type MessageTimeline,
  type SendMessageRequest,
} from '../../messaging/index.js'
import {
  NotFoundError,
  schemaProblems,
  ValidationError,
  type FieldProblem,
} from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import {
  COMMON_ERRORS,
  MessageListQuery,
  MessageSchema,
  MessageTimelineSchema,
  ProblemSchema,
  SendMessageBody,
  validatedInHandler,
} from '../schemas.js'

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/

export function messageRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post(
    '/v1/messages',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Send a message',
        description:
          'Answers 202 once the message is stored, whatever the compliance gate decided: ' +
          '`queued` (or `scheduled` for a future `send_at`) when it may go, `scheduled` with ' +
          '`reason: "QUIET_HOURS"` when held until the recipient’s sending window opens, or ' +
          '`suppressed` with a `reason` (`NO_CONSENT`, `OPTED_OUT`, `FREQUENCY_CAP`, ' +
          '`NO_SEND_WINDOW`) when it will never go. A suppressed message is final, announced ' +
          'like any final status, and never silently dropped.',
        tags: ['messages'],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: SendMessageBody,
        response: { 202: MessageSchema, 409: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key']
      const problems = schemaProblems(SendMessageBody, request.body)
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
        problems.push({
          field: 'Idempotency-Key',
          code: 'INVALID',
          message: 'must be 1-255 printable ASCII characters',
        })
      }
      if (problems.length > 0)
        throw new ValidationError(withRuleProblems(problems, request.body, deps, request.store))

      const result = await acceptMessage(
        { ...deps, onQueued: deps.onQueued },
        request.store,
        request.body as SendMessageRequest,
        key as string | undefined,
      )
      if (result.kind === 'replayed') reply.header('Idempotent-Replayed', 'true')
      else
        request.log.info(
          {
            messageId: result.message.id,
            segments: result.message.segment_count,
            status: result.message.status,
            reason: result.message.reason,
          },
          'message accepted',
        )
      return reply.code(202).send(toMessageResource(result.message))
    },
  )

  app.get(
    '/v1/messages/:id',
    {
      schema: {
        summary: 'Get a message',
        tags: ['messages'],
        params: Type.Object({ id: Type.String() }),
        response: { 200: MessageSchema, 404: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const row = await findMessage(deps.db, request.store.id, id)
      if (row === undefined) throw new NotFoundError('message', id)
      return toMessageResource(row)
    },
  )

  app.get(
    '/v1/messages/:id/timeline',
    {
      schema: {
        summary: 'What happened to a message, step by step',
        description:
          'The message’s announced changes in the order they were recorded, each with the ' +
          'reason or error it showed then, and each segment’s submission to the carrier and ' +
          'receipt.',
        tags: ['messages'],
        params: Type.Object({ id: Type.String() }),
        response: { 200: MessageTimelineSchema, 404: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const storeId = request.store.id
      if ((await findMessage(deps.db, storeId, id)) === undefined) {
        throw new NotFoundError('message', id)
      }
      const timeline = await loadMessageTimeline(deps.db, { storeId, messageId: id })
      return toTimelineResource(id, timeline)
    },
  )

  app.get(
    '/v1/messages',
    {
      schema: {
        summary: 'List messages, newest first',
        description:
          'Filters combine: `status`, `direction`, `reason` (the gate’s), `to` (a number on ' +
          'either side) and `since`. Pass `next_cursor` back as `cursor` for the next page.',
        tags: ['messages'],
        querystring: MessageListQuery,
        response: {
          200: Type.Object({
            data: Type.Array(MessageSchema),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...COMMON_ERRORS,
        },
      },
    },
    async (request) => {
      const query = request.query as MessageListQuery
      const problems: FieldProblem[] = []
      let phone: string | undefined
      if (query.to !== undefined) {
        const parsed = parseRecipient(query.to, request.store.defaultCountry ?? undefined)
        if (parsed.ok) phone = parsed.e164
        else problems.push({ field: '/to', code: parsed.code, message: parsed.message })
      }
      const sinceMs = query.since === undefined ? undefined : Date.parse(query.since)
      if (sinceMs !== undefined && Number.isNaN(sinceMs)) {
        problems.push({
          field: '/since',
          code: 'INVALID',
          message: 'must be an ISO 8601 date-time',
        })
      }
      if (problems.length > 0) throw new ValidationError(problems)

      const limit = query.limit ?? 50
      const beforeId = query.cursor === undefined ? undefined : String(decodeCursor(query.cursor))
      const rows = await listMessages(deps.db, request.store.id, {
        status: query.status,
        direction: query.direction,
        reason: query.reason,
        phone,
        sinceMs,
        beforeId,
        limit,
      })
      const last = rows[rows.length - 1]
      return {
        data: rows.map(toMessageResource),
        next_cursor: rows.length === limit && last !== undefined ? encodeCursor(last.id) : null,
      }
    },
  )
}

function toTimelineResource(messageId: string, timeline: MessageTimeline) {
  return {
    message_id: messageId,
    events: timeline.events.map((event) => ({
      at: new Date(event.atMs).toISOString(),
      status: event.status,
      type: event.type,
      ...(event.reason === null ? {} : { reason: event.reason }),
      ...(event.errorCode === null ? {} : { error_code: event.errorCode }),
      ...(event.detail === null ? {} : { detail: event.detail }),
    })),
    segments: timeline.segments.map((segment) => ({
      seq: segment.seq,
      route_id: segment.routeId,
      smsc_message_id: segment.smscMessageId,
      status: segment.status,
      submitted_at: isoOrNull(segment.submittedAtMs),
      done_at: isoOrNull(segment.doneAtMs),
      error_code: segment.errorCode,
    })),
  }
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

/**
 * Adds the message-rule problems of the fields that had the right type, so a caller with a
 * wrongly typed `body` still learns in the same answer that `to` is not a valid number.
 */
function withRuleProblems(
  problems: FieldProblem[],
  body: unknown,
  deps: ApiDeps,
  store: Parameters<typeof checkMessageRequest>[1],
): FieldProblem[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return problems

  const typed: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(body)) {
    if (!problems.some((p) => p.field === `/${field}`)) typed[field] = value
  }
  const checked = checkMessageRequest(typed as Partial<SendMessageRequest>, store, {
    maxSegments: deps.maxSegments,
    nowMs: deps.clock.now(),
  })
  if (checked.ok) return problems

  const known = new Set(problems.map((p) => p.field))
  return [...problems, ...checked.problems.filter((p) => !known.has(p.field))]
}
