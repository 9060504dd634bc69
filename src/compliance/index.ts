/**
 * Compliance: the consent ledger, inbound keywords, the gate every outbound message passes
 * (consent, opt-outs, frequency cap, quiet hours), erasure and export, and the audit of every
 * gate decision.
 */
export {
  CONSENT_SOURCES,
  NO_CONSENT,
  applyConsent,
  type ConsentAction,
  type ConsentEvidence,
  type ConsentRecord,
  type ConsentScope,
  type ConsentSource,
  type ConsentState,
} from './consent/consent-record.js'
export type { Contact, PendingOptIn, ShippingAddress } from './consent/contact.js'
export { findContact, listConsentRecords } from './consent/contact-store.js'
export {
  recordConsent,
  updateContactDetails,
  type ConsentChange,
  type ConsentDeps,
  type ContactDetails,
  type RecordedConsent,
} from './consent/record-consent.js'
export {
  prepareDoubleOptIn,
  requestDoubleOptIn,
  type DoubleOptInDeps,
} from './consent/double-opt-in.js'
export {
  IMPORT_COLUMNS,
  importContacts,
  parseContactImport,
  type ImportRow,
  type ImportSummary,
} from './consent/contact-import.js'
export {
  checkCollectedAt,
  checkCountryCode,
  checkIp,
  checkPageUrl,
  checkProvinceCode,
  checkTimeZone,
  checkZip,
  collectProblems,
  type ProblemSink,
} from './consent/contact-fields.js'
export {
  classifyKeyword,
  type KeywordKind,
  type KeywordLanguage,
  type KeywordMatch,
} from './keywords/classify-keyword.js'
export { DEFAULT_REPLIES, replyText, type ReplyKind } from './keywords/keyword-replies.js'
export {
  respondToKeyword,
  type KeywordDeps,
  type KeywordOutcome,
} from './keywords/respond-to-keyword.js'
export { ComplianceGate, type ComplianceGateOptions } from './gate/compliance-gate.js'
export {
  listDecisions,
  type DecisionFilter,
  type GateDecision,
  type GateOutcome,
} from './gate/gate-decision.js'
export { FrequencyCap } from './frequency-cap.js'
export { KeyedHasher, isErasedPhone } from './erasure/keyed-hasher.js'
export { loadErasureKey, MIN_ERASURE_KEY_LENGTH } from './erasure/erasure-key.js'
export { eraseContact, type ErasureSummary } from './erasure/erase-contact.js'
export { exportContact, type ContactExport } from './erasure/export-contact.js'
export { ContactImportError, ErasureKeyError, RecipientOptedOutError } from './errors.js'
export {
  createQuietHours,
  createZoneClock,
  type ZoneClock,
  type QuietHours,
  type QuietHoursOptions,
  type QuietHoursPolicy,
  type QuietHoursVerdict,
  type RecipientPlace,
} from './quiet-hours/index.js'
