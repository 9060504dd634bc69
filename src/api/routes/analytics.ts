import type { FastifyInstance } from 'fastify'
import {
  loadAttributionWindowDays,
  MAX_SERIES_POINTS,
  saveAttributionWindowDays,
  seriesOf,
  summarize,
} from '../../analytics/index.js'
import { schemaProblems, ValidationError, type FieldProblem } from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS, validatedInHandler } from '../schemas.js'
import {
  AttributionSettingsPatchBody,
  AttributionSettingsSchema,
  SeriesQuery,
  SeriesSchema,
  SummaryQuery,
  SummarySchema,
  toSeriesResource,
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
      const period = readPeriod(SummaryQuery, request.query)
      const summary = await summarize(deps.db, { storeId: request.store.id, ...period })
      return toSummaryResource(summary, period)
    },
  )

  app.get(
    '/v1/analytics/series',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'The same figures, day by day or hour by hour',
        description:
          'The period as in the summary, cut at the midnights (or whole hours) of the ' +
          'store’s time zone; every bucket has a point, and the points add up to the ' +
          `summary. More than ${MAX_SERIES_POINTS} buckets answer 422.`,
        tags: ['analytics'],
        querystring: SeriesQuery,
        response: { 200: SeriesSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const period = readPeriod(SeriesQuery, request.query)
      const bucket = (request.query as SeriesQuery).bucket ?? 'day'
      const timeZone = request.store.timeZone ?? 'UTC'
      const series = await seriesOf(deps.db, {
        storeId: request.store.id,
        ...period,
        bucket,
        timeZone,
      })
      if (!series.ok) throw new ValidationError([tooManyBuckets(bucket)])
      return toSeriesResource(series.points, { ...period, bucket, timeZone })
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

/** The period and flow of a summary or series query, or every problem with them at once. */
function readPeriod(
  schema: typeof SummaryQuery | typeof SeriesQuery,
  query: unknown,
): { fromMs: number; toMs: number; flow: string | null } {
  const problems: FieldProblem[] = schemaProblems(schema, query)
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
  // Date.parse rolls 30 February over to 2 March; a day that does not exist is refused.
  if (new Date(ms + offsetMsOf(value)).toISOString().slice(0, 10) !== value.slice(0, 10)) {
    return undefined
  }
  return isDateOnly && edge === 'end' ? ms + DAY_MS : ms
}

/** The offset a date-time names (`+02:00` → 2 h), so its own calendar day can be read back. */
function offsetMsOf(value: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(value)
  if (match === null) return 0
  const ms = (Number(match[2]) * 60 + Number(match[3])) * 60_000
  return match[1] === '-' ? -ms : ms
}

function tooManyBuckets(bucket: 'day' | 'hour'): FieldProblem {
  return {
    field: '/to',
    code: 'TOO_MANY_BUCKETS',
    message:
      `the period holds more than ${MAX_SERIES_POINTS} ${bucket} buckets: end it sooner` +
      (bucket === 'hour' ? ' or ask for bucket=day' : ''),
  }
}

function dateProblem(field: string): FieldProblem {
  return {
    field,
    code: 'INVALID',
    message: 'must be an ISO 8601 date (2026-11-01) or date-time with offset',
  }
}
