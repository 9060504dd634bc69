import type { MessageRow } from '../../messaging/index.js'
import { newId } from '../../runtime/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import type { KeyedHasher } from '../erasure/keyed-hasher.js'
import { cancelPendingMessages } from './cancel-pending.js'
import {
  applyConsent,
  type ConsentAction,
  type ConsentEvidence,
  type ConsentRecord,
  type ConsentScope,
  type ConsentSource,
} from './consent-record.js'
import type { Contact, ShippingAddress } from './contact.js'
import { appendConsentRecord, contactForChange, saveContact } from './contact-store.js'

/** What consent changes need besides the transaction. */
export interface ConsentDeps {
  readonly hasher: KeyedHasher
  /** How long webhooks about messages an opt-out stopped may be retried, in ms. */
  readonly webhookLifetimeMs: number
}

export interface ConsentChange {
  /** E.164. */
  readonly phone: string
  readonly action: ConsentAction
  readonly scope: ConsentScope
  readonly source: ConsentSource
  readonly evidence: ConsentEvidence
  /** The inbound message that carried the change, for keywords and double opt-in. */
  readonly messageId?: string | null
}

/** Where the recipient is; an absent field is left as it was, null clears it. */
export interface ContactDetails {
  readonly timeZone?: string | null
  readonly shippingAddress?: ShippingAddress | null
}

export interface RecordedConsent {
  readonly contact: Contact
  readonly record: ConsentRecord
  /** Messages that were waiting for the recipient and that this opt-out stopped. */
  readonly cancelled: readonly MessageRow[]
}

/**
 * Appends one record to the consent ledger and updates the contact's derived state in the
 * same transaction. Any change settles a double opt-in still waiting. An opt-out that changes
 * the state also stops the recipient's pending messages within its scope, except
 * `exceptMessageId` (the reply that confirms the opt-out, which must still go).
 */
export async function recordConsent(
  trx: Trx,
  deps: ConsentDeps,
  args: {
    readonly store: Store
    readonly change: ConsentChange
    readonly details?: ContactDetails
    readonly exceptMessageId?: string
    readonly nowMs: number
  },
): Promise<RecordedConsent> {
  const { store, change, nowMs } = args
  const before = await contactForChange(trx, {
    storeId: store.id,
    phone: change.phone,
    hasher: deps.hasher,
    nowMs,
  })

  const record: ConsentRecord = {
    id: newId('cns', nowMs),
    storeId: store.id,
    phone: change.phone,
    seq: before.consentRecords + 1,
    action: change.action,
    scope: change.scope,
    source: change.source,
    evidence: change.evidence,
    messageId: change.messageId ?? null,
    createdAtMs: nowMs,
  }
  const contact: Contact = {
    ...withDetails(before, args.details ?? {}),
    consent: applyConsent(before.consent, record),
    consentChangedAtMs: nowMs,
    consentRecords: record.seq,
    pendingOptIn: null,
    updatedAtMs: nowMs,
  }
  await appendConsentRecord(trx, record)
  await saveContact(trx, contact)

  // Only an opt-out that changes something has anything to stop: after the first one, the
  // gate keeps new messages out, and what is still waiting is the first one's confirmation.
  const isNewOptOut =
    change.action === 'opt_out' &&
    (before.consent.marketing !== contact.consent.marketing ||
      before.consent.isOptedOutOfAll !== contact.consent.isOptedOutOfAll)
  const cancelled = isNewOptOut
    ? await cancelPendingMessages(trx, {
        store,
        phone: change.phone,
        scope: change.scope,
        exceptMessageId: args.exceptMessageId,
        nowMs,
        webhookLifetimeMs: deps.webhookLifetimeMs,
      })
    : []
  return { contact, record, cancelled }
}

/** Changes where the recipient is without touching consent; creates the contact if needed. */
export async function updateContactDetails(
  trx: Trx,
  deps: Pick<ConsentDeps, 'hasher'>,
  args: {
    readonly storeId: string
    readonly phone: string
    readonly details: ContactDetails
    readonly nowMs: number
  },
): Promise<Contact> {
  const before = await contactForChange(trx, { ...args, hasher: deps.hasher })
  const contact = { ...withDetails(before, args.details), updatedAtMs: args.nowMs }
  await saveContact(trx, contact)
  return contact
}

/** The contact with these details applied. */
export function withDetails(contact: Contact, details: ContactDetails): Contact {
  return {
    ...contact,
    timeZone: details.timeZone === undefined ? contact.timeZone : details.timeZone,
    shippingAddress:
      details.shippingAddress === undefined ? contact.shippingAddress : details.shippingAddress,
  }
}
