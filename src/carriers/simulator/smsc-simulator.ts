import type { Clock, Logger } from '../../runtime/index.js'
import type { ConcatInfo } from '../smpp/short-message.js'
import { listenSmpp } from '../smpp/smpp-wire.js'
import { startControlApi } from './control-api.js'
import type { MessageStateName, SimulatedOutcome } from './receipt-builder.js'
import { SimulatedSmsc } from './simulated-smsc.js'
import type { ThrottleSetting } from './throttle-policy.js'

export type { ThrottleSetting } from './throttle-policy.js'
export type { MessageStateName, SimulatedOutcome } from './receipt-builder.js'

export interface SmscSimulatorOptions {
  /** Loopback only. */
  readonly host?: '127.0.0.1'
  /** SMPP port; 0 (the default) picks a free one. */
  readonly smppPort?: number
  /** Control API port; 0 (the default) picks a free one. */
  readonly controlPort?: number
  /** Time from submit to receipt, in ms. Default 200. */
  readonly receiptDelayMs?: number
  /** Share of messages ending each way; must sum to 1. Default: all delivered. */
  readonly outcomes?: Readonly<Record<SimulatedOutcome, number>>
  /** Required system_id; any is accepted when unset. */
  readonly systemId?: string
  /** Required password; any is accepted when unset. */
  readonly password?: string
  readonly logger: Logger
  /** How message ids look. Default hex. */
  readonly idFormat?: 'hex' | 'decimal'
  /** Read and write GSM-7 packed 7 bits per septet, as some SMSCs do. Default false. */
  readonly packedGsm7?: boolean
  /** Submits kept for inspection; older ones are dropped. Default 1 000 000. */
  readonly maxRecords?: number
  readonly clock?: Clock
}

/** One accepted submit_sm, decoded for inspection. */
export interface SubmittedRecord {
  /** Position since start (or the last reset), from 0. */
  readonly index: number
  readonly receivedAtMs: number
  readonly smscMessageId: string
  /** source_addr as sent. */
  readonly sender: string
  /** destination_addr as sent (no `+`). */
  readonly recipient: string
  readonly dataCoding: number
  readonly esmClass: number
  readonly registeredDelivery: number
  /** short_message exactly as received, UDH included. */
  readonly shortMessageHex: string
  /** The text after the UDH, decoded by data_coding. */
  readonly text: string
  readonly concat: ConcatInfo | null
}

export interface SimulatorStats {
  /** Submits accepted (throttled ones not included). */
  readonly submits: number
  readonly throttled: number
  /** Accepted submits whose recipient, data_coding and bytes (UDH included) came before. */
  readonly duplicates: number
  /** Most submits accepted within any one second. */
  readonly maxSegmentsPerSecond: number
  readonly receiptsSent: number
  /** Receipts given up because too many were waiting for a receiving bind. */
  readonly receiptsDropped: number
  /** Receipts kept until a receiving bind comes up. */
  readonly receiptsWaiting: number
  /** deliver_sm PDUs sent for inbound texts. */
  readonly inboundSent: number
  readonly binds: number
}

export interface InboundRequest {
  /** The handset: E.164 with `+`, or an alphanumeric name. */
  readonly from: string
  readonly to: string
  readonly text: string
}

export interface ReceiptRequest {
  readonly messageId: string
  /** Sent verbatim as the receipt text; generated from `state` and `errorCode` when absent. */
  readonly text?: string
  /** Adds receipted_message_id and message_state TLVs for this state. */
  readonly state?: MessageStateName
  readonly errorCode?: string
}

/** A running simulator. */
export interface SmscSimulator {
  readonly smppPort: number
  readonly controlPort: number
  close(): Promise<void>
  /** Every kept submit; {@link submittedSince} pages through them. */
  submitted(): readonly SubmittedRecord[]
  submittedSince(since: number, limit: number): readonly SubmittedRecord[]
  throttle(setting: ThrottleSetting): void
  stats(): SimulatorStats
  /** Sends a handset's text; false when no receiver or transceiver is bound. */
  sendInbound(request: InboundRequest): Promise<boolean>
  /** Sends a receipt for any message id; false when no receiver or transceiver is bound. */
  sendReceipt(request: ReceiptRequest): boolean
  /** Forgets submits and counters. */
  reset(): void
}

/**
 * Starts an SMSC on loopback that answers like a carrier's: binds, submits with message ids,
 * receipts after a delay with outcomes drawn at the configured rates, throttling on demand,
 * and inbound texts through its control API.
 */
export async function startSmscSimulator(options: SmscSimulatorOptions): Promise<SmscSimulator> {
  const smsc = new SimulatedSmsc(options)
  const host = options.host ?? '127.0.0.1'
  const listener = await listenSmpp({
    host,
    port: options.smppPort ?? 0,
    onConnection: (wire) => smsc.accept(wire),
    onError: (err) => options.logger.error({ err }, 'simulator listener failed'),
  })
  const control = await startControlApi({
    host,
    port: options.controlPort ?? 0,
    simulator: smsc,
    onError: (err) => options.logger.error({ err }, 'simulator control request failed'),
  }).catch(async (err: unknown) => {
    await listener.close()
    throw err
  })
  options.logger.info({ smppPort: listener.port, controlPort: control.port }, 'simulator started')

  return {
    smppPort: listener.port,
    controlPort: control.port,
    close: async () => {
      smsc.stop()
      await Promise.all([listener.close(), control.close()])
    },
    submitted: () => smsc.submittedSince(0, Number.MAX_SAFE_INTEGER),
    submittedSince: (since, limit) => smsc.submittedSince(since, limit),
    throttle: (setting) => smsc.throttle(setting),
    stats: () => smsc.stats(),
    sendInbound: (request) => smsc.sendInbound(request),
    sendReceipt: (request) => smsc.sendReceipt(request),
    reset: () => smsc.reset(),
  }
}
