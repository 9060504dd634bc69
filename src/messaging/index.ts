export {
  isGsm7Character,
  gsm7SeptetCost,
  encodeGsm7,
  decodeGsm7,
  packSeptets,
  unpackSeptets,
  Gsm7EncodingError,
  Gsm7DecodingError,
} from './gsm7.js'
export { analyzeText, type TextAnalysis, type Ucs2Character } from './text-encoding.js'
export { splitSegments, type Segment, type TextEncoding } from './segment-split.js'
export {
  parseRecipient,
  countryOfNumber,
  type RecipientResult,
  type RecipientProblem,
} from './phone-number.js'
export { parseSender, type Sender, type SenderKind, type SenderResult } from './sender.js'
export {
  loadPriceTable,
  formatMicros,
  PriceTableError,
  type PriceTable,
  type Price,
} from './price-table.js'
export {
  MESSAGE_STATUSES,
  canAdvance,
  finalStatusOf,
  type MessageStatus,
  type SegmentOutcome,
} from './message-status.js'
export { toMessageResource, type MessageRow, type MessageResource } from './message.js'
export {
  checkMessageRequest,
  isHttpUrl,
  type SendMessageRequest,
  type MessageDraft,
} from './message-request.js'
export {
  acceptMessage,
  prepareMessage,
  admitMessage,
  IDEMPOTENCY_WINDOW_MS,
  type AcceptDeps,
  type AdmitDeps,
  type PrepareDeps,
  type AcceptResult,
} from './accept-message.js'
export {
  MESSAGE_REASONS,
  type SendGate,
  type GateRequest,
  type GateVerdict,
  type MessageReason,
  type SuppressionReason,
} from './send-gate.js'
export { findMessage, listMessages, type MessageFilter } from './message-store.js'
export {
  loadMessageTimeline,
  type MessageTimeline,
  type TimelineEvent,
  type TimelineSegment,
} from './message-timeline.js'
export { recordMessageEvent, type MessageEventType } from './message-events.js'
export { transitionMessage, type TransitionOptions } from './transition-message.js'
export { IdempotencyConflictError } from './errors.js'
