/** What a consent record does: give consent or withdraw it. */
export type ConsentAction = 'opt_in' | 'opt_out'

/** What it covers: promotions only, or every message including transactional ones. */
export type ConsentScope = 'marketing' | 'all'

/** Where it came from. `keyword` and `double_opt_in` are recorded by Nudge itself. */
export type ConsentSource = 'checkout' | 'keyword' | 'api' | 'import' | 'double_opt_in'

export const CONSENT_SOURCES: readonly ConsentSource[] = [
  'checkout',
  'keyword',
  'api',
  'import',
  'double_opt_in',
]

/** The proof behind a record: what the recipient saw or sent, where, and when. */
export interface ConsentEvidence {
  /** The consent wording shown, or the keyword the recipient sent. */
  readonly wording: string | null
  readonly pageUrl: string | null
  readonly ip: string | null
  readonly userAgent: string | null
  readonly collectedAtMs: number
}

/** One entry of the consent ledger: appended, never edited, stripped only by erasure. */
export interface ConsentRecord {
  readonly id: string
  readonly storeId: string
  readonly phone: string
  /** Position among the contact's records, from 1. */
  readonly seq: number
  readonly action: ConsentAction
  readonly scope: ConsentScope
  readonly source: ConsentSource
  readonly evidence: ConsentEvidence
  /** The inbound message that carried a keyword or a double opt-in YES. */
  readonly messageId: string | null
  readonly createdAtMs: number
}

/** A recipient's consent as the gate needs it. */
export interface ConsentState {
  readonly marketing: 'none' | 'opted_in' | 'opted_out'
  /** Opted out of every message, transactional ones included. */
  readonly isOptedOutOfAll: boolean
}

export const NO_CONSENT: ConsentState = Object.freeze({ marketing: 'none', isOptedOutOfAll: false })

/**
 * The state after one more record. Any opt-in allows promotions again and lifts an opt-out of
 * everything (a recipient who asks for promotions wants texts); an opt-out always stops
 * promotions, and with scope `all` stops transactional messages too. Folding a recipient's
 * records in order from {@link NO_CONSENT} gives the current state.
 */
export function applyConsent(
  state: ConsentState,
  record: Pick<ConsentRecord, 'action' | 'scope'>,
): ConsentState {
  if (record.action === 'opt_in') return { marketing: 'opted_in', isOptedOutOfAll: false }
  return {
    marketing: 'opted_out',
    isOptedOutOfAll: state.isOptedOutOfAll || record.scope === 'all',
  }
}
