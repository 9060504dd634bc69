import type { DeliveryReceipt } from '../carrier.js'
import type { MessagePdu } from './message-pdu.js'
import { decodeShortMessage } from './short-message.js'

type ReceiptState = DeliveryReceipt['state']

// The 7-letter `stat:` words of Appendix B and the variants carriers send. SCHEDLD means the
// SMSC holds the message for later delivery: still on its way, so enroute. SKIPPED (SMPP 5.0)
// means the SMSC accepted it but never transmitted it: a final failure, so undelivered.
const STATES_BY_STAT: Readonly<Record<string, ReceiptState>> = {
  DELIVRD: 'delivered',
  UNDELIV: 'undelivered',
  EXPIRED: 'expired',
  DELETED: 'deleted',
  REJECTD: 'rejected',
  ACCEPTD: 'accepted',
  UNKNOWN: 'unknown',
  ENROUTE: 'enroute',
  FAILED: 'undelivered',
  ACKED: 'accepted',
  SCHEDLD: 'enroute',
  SKIPPED: 'undelivered',
}

// message_state TLV values (SMPP 3.4 §5.2.28; 0 and 9 from SMPP 5.0, read as their stat words).
const STATES_BY_MESSAGE_STATE: readonly ReceiptState[] = [
  'enroute', // 0 SCHEDULED
  'enroute', // 1 ENROUTE
  'delivered', // 2 DELIVERED
  'expired', // 3 EXPIRED
  'deleted', // 4 DELETED
  'undelivered', // 5 UNDELIVERABLE
  'accepted', // 6 ACCEPTED
  'unknown', // 7 UNKNOWN
  'rejected', // 8 REJECTED
  'undelivered', // 9 SKIPPED
]

type FieldName = 'id' | 'sub' | 'dlvrd' | 'submit date' | 'done date' | 'stat' | 'err' | 'text'

// A field name at the start or after white space, then a colon. Names are matched without
// regard to case: the spec itself writes `Text:`.
const FIELD_PATTERN = /(?:^|\s)(id|sub|dlvrd|submit date|done date|stat|err|text)\s*:/gi

/**
 * Reads Appendix B receipt text as carriers really send it: fields in any order or missing,
 * names in any case, ids in hex, decimal or UUID form, 10- or 12-digit dates, padded stat words.
 * `text:` runs to the end, since it echoes the message and may contain anything, unless a field
 * not seen yet follows it. Undefined when there is no `id:`: such a receipt matches nothing.
 */
export function parseReceiptText(text: string): DeliveryReceipt | undefined {
  const fields = readFields(text)
  const id = fields.get('id')
  if (id === undefined || id === '') return undefined

  return buildReceipt(id, stateOfStat(fields.get('stat')), fields)
}

function readFields(text: string): Map<FieldName, string> {
  const found = [...text.matchAll(FIELD_PATTERN)].map((match) => ({
    name: match[1]!.toLowerCase() as FieldName,
    start: match.index,
    valueStart: match.index + match[0].length,
  }))
  const fields = new Map<FieldName, string>()

  for (let i = 0; i < found.length; i++) {
    const field = found[i]!
    if (fields.has(field.name)) continue
    if (field.name !== 'text') {
      const end = found[i + 1]?.start ?? text.length
      // Values never contain spaces, so anything after the first word (a padded stat) is noise.
      fields.set(field.name, text.slice(field.valueStart, end).trim().split(/\s+/)[0] ?? '')
      continue
    }

    const seen = new Set(found.slice(0, i).map((f) => f.name))
    const next = found.findIndex((f, j) => j > i && f.name !== 'text' && !seen.has(f.name))
    fields.set('text', text.slice(field.valueStart, found[next]?.start ?? text.length))
    if (next === -1) break
    i = next - 1
  }

  return fields
}

function stateOfStat(stat: string | undefined): ReceiptState {
  if (stat === undefined) return 'unknown'
  return STATES_BY_STAT[stat.toUpperCase()] ?? 'unknown'
}

function buildReceipt(
  smscMessageId: string,
  state: ReceiptState,
  fields: ReadonlyMap<FieldName, string>,
): DeliveryReceipt {
  const receipt: {
    -readonly [K in keyof DeliveryReceipt]: DeliveryReceipt[K]
  } = { smscMessageId, state }
  const count = (name: FieldName): number | undefined => {
    const value = fields.get(name)
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
  }

  const submittedCount = count('sub')
  const deliveredCount = count('dlvrd')
  if (fields.get('err')) receipt.errorCode = fields.get('err')
  if (submittedCount !== undefined) receipt.submittedCount = submittedCount
  if (deliveredCount !== undefined) receipt.deliveredCount = deliveredCount
  if (fields.get('submit date')) receipt.submitDate = fields.get('submit date')
  if (fields.get('done date')) receipt.doneDate = fields.get('done date')
  if (fields.has('text')) receipt.text = fields.get('text')
  return receipt
}

/** esm_class bits 2–5 hold the message type; these three report on a message we sent. */
const RECEIPT_TYPES = new Set([
  0x04, // SMSC delivery receipt
  0x08, // SME delivery acknowledgement, which some SMSCs use for their receipts
  0x20, // intermediate delivery notification
])

/** Whether a deliver_sm reports on a message we sent rather than carrying a new text. */
export function isReceipt(pdu: Pick<MessagePdu, 'esm_class' | 'receipted_message_id'>): boolean {
  return RECEIPT_TYPES.has(pdu.esm_class & 0x3c) || pdu.receipted_message_id !== undefined
}

/**
 * The receipt in a deliver_sm. The receipted_message_id and message_state TLVs are the SMSC's
 * structured statement, so each wins over the free-form text when present; the text supplies
 * everything else. Undefined when neither names a message id.
 */
export function receiptFromPdu(
  pdu: MessagePdu,
  options: { packedGsm7: boolean } = { packedGsm7: false },
): DeliveryReceipt | undefined {
  const fields = readFields(receiptText(pdu, options.packedGsm7))
  const id = pdu.receipted_message_id || fields.get('id')
  if (id === undefined || id === '') return undefined

  if (!fields.has('err') && pdu.network_error_code !== undefined) {
    const code = networkErrorCode(pdu.network_error_code)
    if (code !== undefined) fields.set('err', code)
  }
  const state =
    pdu.message_state === undefined
      ? stateOfStat(fields.get('stat'))
      : (STATES_BY_MESSAGE_STATE[pdu.message_state] ?? 'unknown')
  return buildReceipt(id, state, fields)
}

// Receipt text is written by the SMSC, and carriers that pack septets for messages often still
// send it as plain octets, so the packed reading is kept only when it yields receipt fields.
function receiptText(pdu: MessagePdu, packedGsm7: boolean): string {
  const unpacked = decodeShortMessage(pdu, { packedGsm7: false }).text
  if (!packedGsm7) return unpacked
  const packed = decodeShortMessage(pdu, { packedGsm7: true }).text
  return readFields(packed).has('id') ? packed : unpacked
}

// network_error_code: one octet of network type (1 ANSI-136, 2 IS-95, 3 GSM), then the code.
function networkErrorCode(value: Buffer): string | undefined {
  return value.length === 3 ? String(value.readUInt16BE(1)).padStart(3, '0') : undefined
}

/**
 * Lower-case hex or decimal without leading zeros for ids that are plain numbers, lower case
 * for anything else (UUIDs). Store submit ids in this form and look receipts up by
 * {@link receiptIdCandidates}.
 */
export function normaliseSmscId(id: string): string {
  const trimmed = id.trim()
  if (/^[0-9a-f]+$/i.test(trimmed)) return trimmed.replace(/^0+(?=.)/, '').toLowerCase()
  return trimmed.toLowerCase()
}

/**
 * Every form a receipt's id may have had in the submit response, most likely first: as given,
 * normalised, then converted between hex and decimal. Many SMSCs answer submit_sm with a hex id
 * and put the same number in decimal into the receipt, or the reverse; an all-digit id could be
 * either, so both readings are offered. Hex comes in lower and upper case, and also padded to
 * 8 digits, decimal also padded to 10, the widths seen zero-padded in the wild. Look them up in
 * order and take the first hit.
 */
export function receiptIdCandidates(id: string): string[] {
  const trimmed = id.trim()
  const candidates = [
    trimmed,
    normaliseSmscId(trimmed),
    trimmed.toLowerCase(),
    trimmed.toUpperCase(),
  ]

  if (/^[0-9]{1,64}$/.test(trimmed)) {
    const hex = BigInt(trimmed).toString(16)
    candidates.push(
      hex,
      hex.toUpperCase(),
      hex.padStart(8, '0'),
      hex.padStart(8, '0').toUpperCase(),
    )
  }
  if (/^[0-9a-f]{1,64}$/i.test(trimmed)) {
    const decimal = BigInt(`0x${trimmed}`).toString(10)
    candidates.push(decimal, decimal.padStart(10, '0'))
  }

  return [...new Set(candidates)]
}

/** Whether two ids name the same message, allowing for case, zero padding and hex/decimal. */
export function smscIdsMatch(a: string, b: string): boolean {
  const candidates = new Set(receiptIdCandidates(a).map(normaliseSmscId))
  return receiptIdCandidates(b).some((candidate) => candidates.has(normaliseSmscId(candidate)))
}
