import type { FastifyInstance } from 'fastify'
import {
  loadAttributionWindowDays,
  saveAttributionWindowDays,
  summarize,
} from '../../analytics/index.js'
import { schemaProblems, ValidationError, type FieldProblem } from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS, validatedInHandler } from '../schemas.js'
import {
  AttributionSettingsPatchBody,
  AttributionSettingsSchema,
  SummaryQuery,
  SummarySchema,
  toSummaryResource,
} from './analytics-schemas.js'

const DAY_MS = 86_400_000
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

export function analyticsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/analytics/summary',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Figures of the store’s flows over a period',
        description:
          'Messages the flows created in the period and what became of them, clicks, the ' +
          'orders placed in the period that flow messages earned, recovered revenue, SMS and ' +
          'discount cost and return on ad spend. Every bad parameter is listed at once.',
        tags: ['analytics'],
        querystring: SummaryQuery,
        response: { 200: SummarySchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const period = readPeriod(request.query)
      const summary = await summarize(deps.db, { storeId: request.store.id, ...period })
      return toSummaryResource(summary, period)
    },
  )

  app.get(
    '/v1/analytics/settings',
    {
      schema: {
        summary: 'The store’s attribution window',
        tags: ['analytics'],
        response: { 200: AttributionSettingsSchema, 401: COMMON_ERRORS[401] },
      },
    },
    async (request) => ({
      attribution_window_days: await loadAttributionWindowDays(deps.db, request.store.id),
    }),
  )

  app.patch(
    '/v1/analytics/settings',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Change the store’s attribution window',
        description:
          'From 1 to 90 days. Orders already attributed keep their credit; the window applies ' +
          'to orders received from now on.',
        tags: ['analytics'],
        body: AttributionSettingsPatchBody,
        response: { 200: AttributionSettingsSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const problems = schemaProblems(AttributionSettingsPatchBody, request.body)
      if (problems.length > 0) throw new ValidationError(problems)
      const { attribution_window_days: windowDays } = request.body as AttributionSettingsPatchBody

      const storeId = request.store.id
      await saveAttributionWindowDays(deps.db, { storeId, windowDays, nowMs: deps.clock.now() })
      request.log.info({ storeId, windowDays }, 'attribution window changed')
      return { attribution_window_days: windowDays }
    },
  )
}

/** The period and flow of a summary query, or every problem with them at once. */
function readPeriod(query: unknown): { fromMs: number; toMs: number; flow: string | null } {
  const problems: FieldProblem[] = schemaProblems(SummaryQuery, query)
  const has = (field: string) => problems.some((p) => p.field === `/${field}`)
  const raw = (query ?? {}) as Partial<SummaryQuery>

  const fromMs = has('from') ? undefined : parseDate(raw.from, 'start')
  const toMs = has('to') ? undefined : parseDate(raw.to, 'end')
  if (!has('from') && fromMs === undefined) problems.push(dateProblem('/from'))
  if (!has('to') && toMs === undefined) problems.push(dateProblem('/to'))
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) {
    problems.push({ field: '/to', code: 'INVALID', message: 'must be after from' })
  }
  if (problems.length > 0 || fromMs === undefined || toMs === undefined) {
    throw new ValidationError(problems)
  }
  return { fromMs, toMs, flow: raw.flow ?? null }
}

/** A date as the start of its day, or as the start of the next day when it ends a period. */
function parseDate(value: string | undefined, edge: 'start' | 'end'): number | undefined {
  if (value === undefined) return undefined
  const isDateOnly = DATE_ONLY.test(value)
  if (!isDateOnly && !DATE_TIME.test(value)) return undefined
  const ms = Date.parse(isDateOnly ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(ms)) return undefined
  return isDateOnly && edge === 'end' ? ms + DAY_MS : ms
}

function dateProblem(field: string): FieldProblem {
  return {
    field,
    code: 'INVALID',
    message: 'must be an ISO 8601 date (2026-11-01) or date-time with offset',
  }
}
