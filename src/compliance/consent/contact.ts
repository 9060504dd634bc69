import type { ContactTable } from '../../storage/index.js'
import {
  NO_CONSENT,
  type ConsentEvidence,
  type ConsentScope,
  type ConsentState,
} from './consent-record.js'

/** Where the store last shipped to the recipient; it locates them when the number cannot. */
export interface ShippingAddress {
  /** ISO 3166-1 alpha-2. */
  readonly countryCode: string | null
  /** ISO 3166-2 subdivision without the country, e.g. `CA` for California. */
  readonly provinceCode: string | null
  readonly zip: string | null
}

/** A double opt-in request waiting for the recipient's YES. */
export interface PendingOptIn {
  readonly scope: ConsentScope
  readonly requestedAtMs: number
  /** The request text sent to the recipient. */
  readonly messageId: string
  /** What the store collected before asking; kept with the opt-in once confirmed. */
  readonly evidence: ConsentEvidence
}

/** One recipient of one store: consent state derived from the ledger, and where they are. */
export interface Contact {
  readonly storeId: string
  readonly phone: string
  readonly consent: ConsentState
  readonly consentChangedAtMs: number | null
  /** How many consent records the contact has. */
  readonly consentRecords: number
  readonly pendingOptIn: PendingOptIn | null
  /** IANA zone, e.g. `America/Chicago`; wins over anything guessed from the number. */
  readonly timeZone: string | null
  readonly shippingAddress: ShippingAddress | null
  readonly createdAtMs: number
  readonly updatedAtMs: number
}

export function newContact(storeId: string, phone: string, nowMs: number): Contact {
  return {
    storeId,
    phone,
    consent: NO_CONSENT,
    consentChangedAtMs: null,
    consentRecords: 0,
    pendingOptIn: null,
    timeZone: null,
    shippingAddress: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  }
}

export function consentStateOf(
  row: Pick<ContactTable, 'marketing' | 'opted_out_all'>,
): ConsentState {
  return {
    marketing: row.marketing as ConsentState['marketing'],
    isOptedOutOfAll: Number(row.opted_out_all) === 1,
  }
}

export function toContact(row: ContactTable): Contact {
  const hasAddress =
    row.shipping_country !== null || row.shipping_province !== null || row.shipping_zip !== null
  return {
    storeId: row.store_id,
    phone: row.phone,
    consent: consentStateOf(row),
    consentChangedAtMs: row.consent_changed_at === null ? null : Number(row.consent_changed_at),
    consentRecords: Number(row.consent_records),
    pendingOptIn:
      row.pending_opt_in === null ? null : (JSON.parse(row.pending_opt_in) as PendingOptIn),
    timeZone: row.time_zone,
    shippingAddress: hasAddress
      ? {
          countryCode: row.shipping_country,
          provinceCode: row.shipping_province,
          zip: row.shipping_zip,
        }
      : null,
    createdAtMs: Number(row.created_at),
    updatedAtMs: Number(row.updated_at),
  }
}

export function toContactRow(contact: Contact): ContactTable {
  return {
    store_id: contact.storeId,
    phone: contact.phone,
    marketing: contact.consent.marketing,
    opted_out_all: contact.consent.isOptedOutOfAll ? 1 : 0,
    consent_changed_at: contact.consentChangedAtMs,
    consent_records: contact.consentRecords,
    pending_opt_in: contact.pendingOptIn === null ? null : JSON.stringify(contact.pendingOptIn),
    time_zone: contact.timeZone,
    shipping_country: contact.shippingAddress?.countryCode ?? null,
    shipping_province: contact.shippingAddress?.provinceCode ?? null,
    shipping_zip: contact.shippingAddress?.zip ?? null,
    erased_at: null,
    created_at: contact.createdAtMs,
    updated_at: contact.updatedAtMs,
  }
}
