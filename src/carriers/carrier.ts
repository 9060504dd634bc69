/**
 * What the delivery worker needs from a carrier, whatever protocol sits underneath. SMPP is the
 * one adapter today; its wire vocabulary never leaves `smpp/`.
 */

/** One segment of a message, ready for the carrier: encoded, split, with its header data. */
export interface OutboundSegment {
  /** Long number, short code or alphanumeric sender ID, with the carrier's type and plan. */
  readonly sender: { address: string; ton: number; npi: number }
  /** E.164 number with `+`. */
  readonly recipient: string
  readonly encoding: 'GSM-7' | 'UCS-2'
  /** GSM-7: unpacked septets, one per byte. UCS-2: UTF-16 big-endian. No header included. */
  readonly payload: Buffer
  /** Present when the message has more than one segment; the adapter builds the header. */
  readonly concat?: {
    /** 0–255, the same for every segment of one message. */
    reference: number
    total: number
    /** 1-based position of this segment. */
    seq: number
  }
  readonly requestReceipt: boolean
}

/** How the carrier answered one segment. */
export type SubmitOutcome =
  | { kind: 'accepted'; smscMessageId: string }
  /** The carrier asks us to slow down (queue full or rate exceeded): retry later, slower. */
  | { kind: 'throttled'; status: number; statusName: string }
  /** The carrier refused the segment for good: the message fails. */
  | { kind: 'rejected'; status: number; statusName: string }
  /** No bind was up, or it dropped before the carrier answered: retry later. */
  | { kind: 'unavailable'; reason: string }

/** A carrier's final (or, for `enroute` and `accepted`, interim) report on one segment. */
export interface DeliveryReceipt {
  /** The id the carrier gave when it accepted the segment, as the receipt spells it. */
  readonly smscMessageId: string
  readonly state:
    | 'delivered'
    | 'undelivered'
    | 'expired'
    | 'deleted'
    | 'rejected'
    | 'accepted'
    | 'unknown'
    | 'enroute'
  /** Carrier- or network-specific error code, as sent (`000`, `0011`). */
  readonly errorCode?: string
  readonly submittedCount?: number
  readonly deliveredCount?: number
  /** `YYMMDDhhmm` or `YYMMDDhhmmss` in the carrier's (unstated) time zone. */
  readonly submitDate?: string
  readonly doneDate?: string
  /** The first characters of the original text, when the carrier echoes them. */
  readonly text?: string
}

/** A text a handset sent to one of our numbers. */
export interface InboundText {
  /** E.164 with `+` when the carrier marks the number international, else as sent. */
  readonly sender: string
  readonly recipient: string
  readonly text: string
}

/** A live connection to one carrier. */
export interface CarrierConnection {
  readonly carrierId: string
  /**
   * Opens the connection. Call it after registering the listeners: an SMSC sends the
   * receipts it kept for us right after the bind, and one with no listener would be lost.
   */
  connect(): void
  submit(segment: OutboundSegment): Promise<SubmitOutcome>
  /** How many binds are up right now. */
  bindsUp(): number
  /**
   * Listeners return once the receipt or text is safely stored. The carrier acknowledges it
   * to the SMSC only then, and answers a failed listener with a temporary error so that the
   * SMSC sends it again: a crash between arrival and storage loses nothing.
   */
  onReceipt(listener: (receipt: DeliveryReceipt) => Promise<void> | void): void
  onInbound(listener: (text: InboundText) => Promise<void> | void): void
  close(): Promise<void>
}
