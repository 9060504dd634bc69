import type { FieldProblem } from '../runtime/index.js'
import type { Store } from '../stores/index.js'
import { parseRecipient } from './phone-number.js'
import { parseSender } from './sender.js'
import { analyzeText, type TextAnalysis } from './text-encoding.js'

/** A send request after its JSON shape was checked; values are not yet trusted. */
export interface SendMessageRequest {
  readonly to: string
  readonly body: string
  readonly from?: string
  readonly category?: 'transactional' | 'marketing'
  /** ISO 8601 date-time with an offset. */
  readonly send_at?: string
  readonly status_callback?: string
  readonly metadata?: Readonly<Record<string, string>>
}

/** A request that passed every rule, with the values derived from it. */
export interface MessageDraft {
  readonly recipient: string
  readonly country: string
  readonly sender: string
  readonly body: string
  readonly text: TextAnalysis
  readonly category: 'transactional' | 'marketing'
  readonly sendAtMs: number | undefined
  readonly statusCallback: string | undefined
  readonly metadata: Readonly<Record<string, string>> | undefined
}

export interface RequestRules {
  readonly maxSegments: number
  readonly nowMs: number
}

/** A send time this close to now, or earlier, means "now": clocks drift. */
const SEND_AT_SKEW_MS = 60_000
/** Scheduling further ahead than this is refused; carriers drop stale promotions anyway. */
const SEND_AT_HORIZON_MS = 90 * 24 * 3600_000

/**
 * Checks a send request against the message rules and reports every broken rule at once,
 * each named by its field. Nothing here touches storage.
 */
export function checkMessageRequest(
  request: Partial<SendMessageRequest>,
  store: Store,
  rules: RequestRules,
): { ok: true; draft: MessageDraft } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const problem = (field: string, code: string, message: string): void => {
    problems.push({ field, code, message })
  }

  let recipient: { e164: string; country: string } | undefined
  if (typeof request.to === 'string') {
    const parsed = parseRecipient(request.to, store.defaultCountry ?? undefined)
    if (parsed.ok) recipient = parsed
    else problem('/to', parsed.code, parsed.message)
  }

  let sender: string | undefined
  const from = request.from ?? store.defaultSender ?? undefined
  if (from === undefined) {
    problem('/from', 'SENDER_REQUIRED', 'is required: the store has no default sender')
  } else if (typeof from === 'string') {
    const parsed = parseSender(from)
    if (parsed.ok) sender = parsed.sender.kind === 'long_code' ? `+${parsed.sender.address}` : from
    else problem('/from', parsed.code, parsed.message)
  }

  let text: TextAnalysis | undefined
  if (typeof request.body === 'string') {
    text = analyzeText(request.body)
    if (request.body.trim().length === 0) {
      problem('/body', 'BODY_EMPTY', 'must contain a visible character')
    } else if (!isWellFormed(request.body)) {
      problem('/body', 'BODY_MALFORMED', 'contains a NUL character or an unpaired UTF-16 surrogate')
    } else if (text.segmentCount > rules.maxSegments) {
      problem(
        '/body',
        'BODY_TOO_LONG',
        `needs ${text.segmentCount} segments (${text.encoding}); the limit is ${rules.maxSegments}`,
      )
    }
  }

  const sendAtMs = checkSendAt(request.send_at, rules.nowMs, problem)
  if (typeof request.status_callback === 'string' && !isHttpUrl(request.status_callback)) {
    problem('/status_callback', 'URL_INVALID', 'must be an absolute http or https URL')
  }

  if (problems.length > 0 || recipient === undefined || sender === undefined || !text) {
    return { ok: false, problems }
  }
  return {
    ok: true,
    draft: {
      recipient: recipient.e164,
      country: recipient.country,
      sender,
      body: request.body ?? '',
      text,
      category: request.category ?? 'transactional',
      sendAtMs,
      statusCallback: request.status_callback,
      metadata: request.metadata,
    },
  }
}

function checkSendAt(
  value: string | undefined,
  nowMs: number,
  problem: (field: string, code: string, message: string) => void,
): number | undefined {
  if (typeof value !== 'string') return undefined

  const ms = parseIsoDateTime(value)
  if (ms === undefined) {
    problem('/send_at', 'SEND_AT_INVALID', 'must be an ISO 8601 date-time with a time zone')
    return undefined
  }
  if (ms < nowMs - SEND_AT_SKEW_MS) {
    problem('/send_at', 'SEND_AT_IN_PAST', 'is in the past')
    return undefined
  }
  if (ms > nowMs + SEND_AT_HORIZON_MS) {
    problem('/send_at', 'SEND_AT_TOO_FAR', 'is more than 90 days ahead')
    return undefined
  }
  return ms <= nowMs + SEND_AT_SKEW_MS ? undefined : ms
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Text that can be sent as it is: no NUL (which SMPP strings cannot carry) and no lone
 * surrogate (half an emoji, which would reach the handset as replacement characters).
 */
function isWellFormed(text: string): boolean {
  return !text.includes('\u0000') && !/\p{Surrogate}/u.test(text)
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i

/**
 * Milliseconds of an ISO 8601 date-time with a zone, or undefined. Stricter than Date.parse,
 * which quietly turns 30 February into 2 March and 24:00 into the next day.
 */
function parseIsoDateTime(value: string): number | undefined {
  const match = ISO_DATE_TIME.exec(value)
  if (match === null) return undefined

  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((v) => Number(v ?? 0))
  const local = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!))
  const isReal =
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month! - 1 &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute &&
    local.getUTCSeconds() === second
  return isReal ? Date.parse(value) : undefined
}
