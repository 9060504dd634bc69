import type { Logger } from '../../runtime/index.js'
import type { DeliveryReceipt } from '../carrier.js'
import { BindFailedError } from '../errors.js'
import { ESME_RINVCMDID } from './command-status.js'
import type { InboundPart } from './inbound-assembler.js'
import { messagePduFields, readMessagePdu, type MessagePdu } from './message-pdu.js'
import { isReceipt, receiptFromPdu } from './receipt-parser.js'
import { decodeShortMessage } from './short-message.js'
import {
  commandStatusName,
  SmppWire,
  type ReceivedPdu,
  type WireConnectOptions,
} from './smpp-wire.js'

export interface SmppSessionOptions extends WireConnectOptions {
  readonly systemId: string
  readonly password: string
  readonly systemType: string
  /** Seconds between our enquire_link probes; a probe unanswered in time ends the bind. */
  readonly enquireLinkSeconds: number
  /** How long a bind, submit_sm or enquire_link may wait for its response. */
  readonly responseTimeoutMs: number
  readonly packedGsm7: boolean
  readonly logger: Logger
}

/**
 * Where a session reports. Given before the bind, because an SMSC flushes stored receipts as
 * soon as it answers the bind, sometimes in the same TCP segment as the answer.
 */
export interface SessionHandlers {
  /** Settles once the receipt is stored; deliver_sm_resp waits for it. */
  readonly onReceipt: (receipt: DeliveryReceipt) => Promise<void>
  /** Settles once the text (or this part of it) is stored; deliver_sm_resp waits for it. */
  readonly onInbound: (part: InboundPart) => Promise<void>
  /** Called once, only for a session that was bound. */
  readonly onClose: (reason: string) => void
}

export type SubmitSmResult =
  | { kind: 'response'; command_status: number; message_id: string }
  | { kind: 'unavailable'; reason: string }

/** We speak SMPP 3.4; the package would announce 5.0 (0x50) by default. */
const INTERFACE_VERSION = 0x34
const TON_INTERNATIONAL = 1
/** deliver_sm_resp status asking the SMSC to redeliver later (SMPP 3.4 §5.1.3). */
const ESME_RX_T_APPN = 0x64

/** One bind_transceiver to an SMSC. */
export class SmppSession {
  readonly #wire: SmppWire
  readonly #options: SmppSessionOptions
  readonly #handlers: SessionHandlers
  #isBound = false
  #enquireTimer: NodeJS.Timeout | undefined
  #isProbing = false

  private constructor(wire: SmppWire, options: SmppSessionOptions, handlers: SessionHandlers) {
    this.#wire = wire
    this.#options = options
    this.#handlers = handlers
    wire.onRequest((pdu) => this.#handleRequest(pdu))
    wire.onClose((reason) => {
      clearInterval(this.#enquireTimer)
      if (this.#isBound) handlers.onClose(reason)
    })
  }

  /** Connects and binds; rejects with SmscUnreachableError or BindFailedError. */
  static async open(options: SmppSessionOptions, handlers: SessionHandlers): Promise<SmppSession> {
    const wire = await SmppWire.connect(options)
    const session = new SmppSession(wire, options, handlers)

    const result = await wire.request(
      'bind_transceiver',
      {
        system_id: options.systemId,
        password: options.password,
        system_type: options.systemType,
        interface_version: INTERFACE_VERSION,
      },
      options.responseTimeoutMs,
    )
    if (result.kind !== 'response' || result.pdu.command_status !== 0) {
      wire.destroy('bind failed')
      throw bindFailure(result, options.responseTimeoutMs)
    }

    session.#isBound = true
    session.#enquireTimer = setInterval(
      () => void session.#probe(),
      options.enquireLinkSeconds * 1000,
    )
    return session
  }

  get isOpen(): boolean {
    return this.#wire.isOpen
  }

  /** Sends one submit_sm and waits for its submit_sm_resp. */
  async submit(pdu: MessagePdu): Promise<SubmitSmResult> {
    const timeoutMs = this.#options.responseTimeoutMs
    const result = await this.#wire.request('submit_sm', messagePduFields(pdu), timeoutMs)

    switch (result.kind) {
      case 'response':
        return {
          kind: 'response',
          command_status: result.pdu.command_status,
          message_id: result.pdu.string('message_id') ?? '',
        }
      case 'timeout':
        return { kind: 'unavailable', reason: `no answer from the SMSC within ${timeoutMs} ms` }
      case 'closed':
        return { kind: 'unavailable', reason: 'bind closed before the SMSC answered' }
    }
  }

  /** Unbinds politely, then closes; submits still waiting resolve as unavailable. */
  async close(): Promise<void> {
    clearInterval(this.#enquireTimer)
    if (!this.#wire.isOpen) return

    await this.#wire.request('unbind', {}, Math.min(this.#options.responseTimeoutMs, 1000))
    await this.#wire.close()
  }

  async #probe(): Promise<void> {
    if (this.#isProbing) return
    this.#isProbing = true
    const result = await this.#wire.request('enquire_link', {}, this.#options.responseTimeoutMs)
    this.#isProbing = false
    if (result.kind === 'timeout') this.#wire.destroy('enquire_link unanswered')
  }

  #handleRequest(pdu: ReceivedPdu): void {
    this.#options.logger.trace({ command: pdu.command, sequence: pdu.sequence_number }, 'pdu in')

    switch (pdu.command) {
      case 'enquire_link':
        this.#wire.respond(pdu)
        return
      case 'deliver_sm':
        // Answered only once stored: the SMSC keeps and resends what we do not acknowledge,
        // and ESME_RX_T_APPN asks it to try again later when storing failed.
        this.#deliver(readMessagePdu(pdu)).then(
          () => this.#wire.respond(pdu),
          (err: unknown) => {
            this.#options.logger.error({ err }, 'deliver_sm not stored')
            this.#wire.respond(pdu, { command_status: ESME_RX_T_APPN })
          },
        )
        return
      case 'unbind':
        this.#wire.respond(pdu)
        void this.#wire.close()
        return
      default:
        this.#wire.respond(pdu, { command_status: ESME_RINVCMDID })
    }
  }

  async #deliver(pdu: MessagePdu): Promise<void> {
    const { packedGsm7, logger } = this.#options

    if (isReceipt(pdu)) {
      const receipt = receiptFromPdu(pdu, { packedGsm7 })
      if (receipt === undefined) logger.warn({ esmClass: pdu.esm_class }, 'receipt without id')
      else await this.#handlers.onReceipt(receipt)
      return
    }

    let decoded: ReturnType<typeof decodeShortMessage>
    try {
      decoded = decodeShortMessage(pdu, { packedGsm7 })
    } catch (err) {
      logger.warn({ err, dataCoding: pdu.data_coding }, 'inbound text undecodable')
      return
    }
    await this.#handlers.onInbound({
      sender: addressOf(pdu.source_addr, pdu.source_addr_ton),
      recipient: addressOf(pdu.destination_addr, pdu.dest_addr_ton),
      ...decoded,
    })
  }
}

function addressOf(address: string, ton: number): string {
  return ton === TON_INTERNATIONAL && /^[0-9]+$/.test(address) ? `+${address}` : address
}

function bindFailure(
  result: Awaited<ReturnType<SmppWire['request']>>,
  timeoutMs: number,
): BindFailedError {
  if (result.kind === 'timeout') {
    return new BindFailedError('SMSC did not answer the bind', { details: { timeoutMs } })
  }
  if (result.kind === 'closed') return new BindFailedError('SMSC closed the connection at bind')

  const status = result.pdu.command_status
  return new BindFailedError('SMSC refused the bind', {
    details: { status, statusName: commandStatusName(status) },
  })
}
