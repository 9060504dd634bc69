import type {
  CarrierConnection,
  DeliveryReceipt,
  InboundText,
  OutboundSegment,
  SubmitOutcome,
} from '../../src/carriers/index.js'
import { decodeGsm7 } from '../../src/messaging/index.js'

/**
 * A carrier in memory: accepts every segment and keeps it, and lets a test deliver inbound
 * texts the way an SMSC's `deliver_sm` would reach the listener.
 */
export class RecordingCarrier implements CarrierConnection {
  readonly carrierId = 'recording'
  readonly submitted: OutboundSegment[] = []
  #inbound: ((text: InboundText) => Promise<void> | void) | undefined
  #count = 0

  connect(): void {}

  async submit(segment: OutboundSegment): Promise<SubmitOutcome> {
    this.submitted.push(segment)
    return { kind: 'accepted', smscMessageId: String(++this.#count) }
  }

  bindsUp(): number {
    return 1
  }

  onReceipt(_listener: (receipt: DeliveryReceipt) => Promise<void> | void): void {}

  onInbound(listener: (text: InboundText) => Promise<void> | void): void {
    this.#inbound = listener
  }

  /** Resolves once the listener stored the text, as the SMSC's acknowledgement would. */
  async deliverInbound(text: InboundText): Promise<void> {
    if (this.#inbound === undefined) throw new Error('no inbound listener registered')
    await this.#inbound(text)
  }

  /** Decoded texts of the segments sent to `e164`. */
  textsTo(e164: string): string[] {
    return this.submitted
      .filter((s) => s.recipient === e164)
      .map((s) =>
        s.encoding === 'UCS-2'
          ? Buffer.from(s.payload).swap16().toString('utf16le')
          : decodeGsm7(s.payload),
      )
  }

  async close(): Promise<void> {}
}
