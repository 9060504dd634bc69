import { parseRecipient } from '../../messaging/index.js'
import type { FieldProblem } from '../../runtime/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { ContactImportError } from '../errors.js'
import type { ConsentAction, ConsentScope } from './consent-record.js'
import {
  checkCollectedAt,
  checkCountryCode,
  checkIp,
  checkPageUrl,
  checkProvinceCode,
  checkTimeZone,
  checkZip,
  collectProblems,
} from './contact-fields.js'
import { parseCsv } from './csv.js'
import {
  recordConsent,
  type ConsentChange,
  type ConsentDeps,
  type ContactDetails,
} from './record-consent.js'

/** Columns an import may have, in any order; `phone` and `evidence` are required. */
export const IMPORT_COLUMNS = [
  'phone',
  'evidence',
  'action',
  'scope',
  'collected_at',
  'page_url',
  'ip',
  'user_agent',
  'time_zone',
  'country_code',
  'province_code',
  'zip',
] as const
type Column = (typeof IMPORT_COLUMNS)[number]
const REQUIRED_COLUMNS: readonly Column[] = ['phone', 'evidence']
/** The longest evidence kept, the same as `POST /v1/contacts/{phone}/consent` takes. */
const TEXT_LIMITS: readonly (readonly [Column, number])[] = [
  ['evidence', 2000],
  ['page_url', 2048],
  ['user_agent', 1000],
]

/** One checked row, ready to be recorded. */
export interface ImportRow {
  readonly line: number
  readonly change: ConsentChange
  readonly details: ContactDetails
}

export interface ImportSummary {
  readonly imported: number
  readonly optedIn: number
  readonly optedOut: number
}

/**
 * Reads a contact import (CSV with a header line) and checks every row, reporting every bad
 * field of every bad row at once, each under `/lines/<line>/<column>`. Throws a
 * {@link ContactImportError} when anything is wrong, so nothing is imported unless all is
 * right. Every opt-in row needs its evidence: the consent wording the person agreed to.
 */
export function parseContactImport(
  csv: string,
  args: { readonly store: Store; readonly nowMs: number },
): ImportRow[] {
  const parsed = parseCsv(csv)
  if (!parsed.ok) {
    throw new ContactImportError([
      { field: `/lines/${parsed.line}`, code: 'CSV_MALFORMED', message: parsed.message },
    ])
  }
  const [header, ...records] = parsed.records
  const problems: FieldProblem[] = []
  const columns = checkHeader(header?.fields ?? [], problems)
  if (problems.length > 0) throw new ContactImportError(problems)
  if (records.length === 0) {
    throw new ContactImportError([
      { field: '/lines/2', code: 'CSV_EMPTY', message: 'the file has a header but no rows' },
    ])
  }

  const rows: ImportRow[] = []
  for (const record of records) {
    const row = checkRow(record, { columns, ...args, problems })
    if (row !== undefined) rows.push(row)
  }
  if (problems.length > 0) throw new ContactImportError(problems)
  return rows
}

/**
 * Records every row in the caller's transaction, in file order. Opt-out rows also stop the
 * messages waiting for their number, as any opt-out does.
 */
export async function importContacts(
  trx: Trx,
  deps: ConsentDeps,
  args: { readonly store: Store; readonly rows: readonly ImportRow[]; readonly nowMs: number },
): Promise<ImportSummary> {
  let optedIn = 0
  for (const row of args.rows) {
    await recordConsent(trx, deps, {
      store: args.store,
      change: row.change,
      details: row.details,
      nowMs: args.nowMs,
    })
    if (row.change.action === 'opt_in') optedIn++
  }
  return { imported: args.rows.length, optedIn, optedOut: args.rows.length - optedIn }
}

function checkHeader(fields: readonly string[], problems: FieldProblem[]): Map<Column, number> {
  const columns = new Map<Column, number>()
  fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase()
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        field: `/lines/1/${name}`,
        code: 'COLUMN_UNKNOWN',
        message: `is not a column; use ${IMPORT_COLUMNS.join(', ')}`,
      })
    } else if (columns.has(name as Column)) {
      problems.push({
        field: `/lines/1/${name}`,
        code: 'COLUMN_REPEATED',
        message: 'appears twice',
      })
    } else {
      columns.set(name as Column, index)
    }
  })
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.has(required)) {
      problems.push({
        field: `/lines/1/${required}`,
        code: 'COLUMN_REQUIRED',
        message:
          required === 'evidence'
            ? 'is required: the consent wording each person agreed to, as proof of consent'
            : 'is required',
      })
    }
  }
  return columns
}

function checkRow(
  record: { line: number; fields: readonly string[] },
  args: { columns: Map<Column, number>; store: Store; nowMs: number; problems: FieldProblem[] },
): ImportRow | undefined {
  const { columns, store, nowMs } = args
  const before = args.problems.length
  const problem = collectProblems(args.problems)
  const at = (column: string): string => `/lines/${record.line}/${column}`
  const value = (column: Column): string | undefined => {
    const index = columns.get(column)
    const text = index === undefined ? undefined : record.fields[index]?.trim()
    return text === '' ? undefined : text
  }

  if (record.fields.length !== columns.size) {
    problem(
      `/lines/${record.line}`,
      'COLUMN_COUNT',
      `has ${record.fields.length} fields; the header has ${columns.size}`,
    )
    return undefined
  }

  const phoneText = value('phone')
  const parsed =
    phoneText === undefined
      ? undefined
      : parseRecipient(phoneText, store.defaultCountry ?? undefined)
  if (parsed === undefined) problem(at('phone'), 'REQUIRED', 'is required')
  else if (!parsed.ok) problem(at('phone'), parsed.code, parsed.message)

  const action = (value('action') ?? 'opt_in') as ConsentAction
  if (action !== 'opt_in' && action !== 'opt_out') {
    problem(at('action'), 'INVALID', 'must be "opt_in" or "opt_out"')
  }
  const scope = (value('scope') ?? 'marketing') as ConsentScope
  if (scope !== 'marketing' && scope !== 'all') {
    problem(at('scope'), 'INVALID', 'must be "marketing" or "all"')
  }
  const wording = value('evidence')
  if (wording === undefined && action === 'opt_in') {
    problem(
      at('evidence'),
      'EVIDENCE_REQUIRED',
      'is required for an opt-in: the consent wording shown',
    )
  }

  for (const [column, limit] of TEXT_LIMITS) {
    const text = value(column)
    if (text !== undefined && text.length > limit) {
      problem(at(column), 'TOO_LONG', `must be at most ${limit} characters, as through the API`)
    }
  }

  const collectedText = value('collected_at')
  const collectedAtMs =
    collectedText === undefined
      ? nowMs
      : checkCollectedAt(collectedText, at('collected_at'), { nowMs, problem })
  const pageUrl = value('page_url')
  if (pageUrl !== undefined) checkPageUrl(pageUrl, at('page_url'), problem)
  const ip = value('ip')
  if (ip !== undefined) checkIp(ip, at('ip'), problem)
  const details = checkDetails(value, at, problem)

  if (args.problems.length > before || parsed === undefined || !parsed.ok) return undefined
  return {
    line: record.line,
    change: {
      phone: parsed.e164,
      action,
      scope,
      source: 'import',
      evidence: {
        wording: wording ?? null,
        pageUrl: pageUrl ?? null,
        ip: ip ?? null,
        userAgent: value('user_agent') ?? null,
        collectedAtMs: collectedAtMs ?? nowMs,
      },
    },
    details,
  }
}

function checkDetails(
  value: (column: Column) => string | undefined,
  at: (column: string) => string,
  problem: ReturnType<typeof collectProblems>,
): ContactDetails {
  const timeZone = value('time_zone')
  if (timeZone !== undefined) checkTimeZone(timeZone, at('time_zone'), problem)
  const countryCode = value('country_code')?.toUpperCase()
  if (countryCode !== undefined) checkCountryCode(countryCode, at('country_code'), problem)
  const provinceCode = value('province_code')?.toUpperCase()
  if (provinceCode !== undefined) checkProvinceCode(provinceCode, at('province_code'), problem)
  const zip = value('zip')
  if (zip !== undefined) checkZip(zip, at('zip'), problem)

  const hasAddress = countryCode !== undefined || provinceCode !== undefined || zip !== undefined
  return {
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(hasAddress
      ? {
          shippingAddress: {
            countryCode: countryCode ?? null,
            provinceCode: provinceCode ?? null,
            zip: zip ?? null,
          },
        }
      : {}),
  }
}
