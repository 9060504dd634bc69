import type { Static } from 'typebox'
import type { ConsentRecord, Contact, ContactExport, GateDecision } from '../compliance/index.js'
import { toMessageResource, type MessageResource } from '../messaging/index.js'
import type {
  ConsentRecordSchema,
  ContactExportSchema,
  ContactSchema,
  DecisionSchema,
} from './compliance-schemas.js'

/** Contacts, consent records and gate decisions as the API shows them. */

type ContactFields = Omit<Static<typeof ContactSchema>, 'consent_history'>

const iso = (ms: number): string => new Date(ms).toISOString()
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms))

export function toContactResource(
  contact: Contact,
  history: readonly ConsentRecord[],
): Static<typeof ContactSchema> {
  return { ...contactFields(contact), consent_history: history.map(toConsentRecordResource) }
}

export function toConsentRecordResource(record: ConsentRecord): Static<typeof ConsentRecordSchema> {
  const { evidence } = record
  return {
    id: record.id,
    action: record.action,
    scope: record.scope,
    source: record.source,
    evidence: {
      wording: evidence.wording,
      page_url: evidence.pageUrl,
      ip: evidence.ip,
      user_agent: evidence.userAgent,
      collected_at: iso(evidence.collectedAtMs),
    },
    message_id: record.messageId,
    created_at: iso(record.createdAtMs),
  }
}

export function toDecisionResource(decision: GateDecision): Static<typeof DecisionSchema> {
  return {
    id: decision.id,
    message_id: decision.messageId,
    phone: decision.phone,
    category: decision.category,
    decision: decision.decision,
    reason: decision.reason,
    rule: decision.rule,
    zones: [...decision.zones],
    zone_source: decision.zoneSource,
    local_times: [...decision.localTimes],
    release_at: isoOrNull(decision.releaseAtMs),
    created_at: iso(decision.createdAtMs),
  }
}

/** Clicks and orders are not recorded yet; the export names them so its shape stays put. */
export function toExportResource(
  data: ContactExport,
  nowMs: number,
): Omit<Static<typeof ContactExportSchema>, 'messages'> & { messages: MessageResource[] } {
  return {
    phone: data.phone,
    exported_at: iso(nowMs),
    contact: data.contact === null ? null : contactFields(data.contact),
    consent_history: data.consentRecords.map(toConsentRecordResource),
    messages: data.messages.map(toMessageResource),
    gate_decisions: data.decisions.map(toDecisionResource),
    clicks: [],
    orders: [],
  }
}

function contactFields(contact: Contact): ContactFields {
  const pending = contact.pendingOptIn
  const address = contact.shippingAddress
  return {
    phone: contact.phone,
    marketing: contact.consent.marketing,
    opted_out_of_all: contact.consent.isOptedOutOfAll,
    consent_changed_at: isoOrNull(contact.consentChangedAtMs),
    pending_double_opt_in:
      pending === null
        ? null
        : {
            scope: pending.scope,
            requested_at: iso(pending.requestedAtMs),
            message_id: pending.messageId,
          },
    time_zone: contact.timeZone,
    shipping_address:
      address === null
        ? null
        : {
            country_code: address.countryCode,
            province_code: address.provinceCode,
            zip: address.zip,
          },
    created_at: iso(contact.createdAtMs),
    updated_at: iso(contact.updatedAtMs),
  }
}
