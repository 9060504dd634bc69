import { createHash, randomInt } from 'node:crypto'

import { systemClock, ValidationError, type Clock } from '../../runtime/index.js'
import {
  ESME_RALYBND,
  ESME_RINVBNDSTS,
  ESME_RINVCMDID,
  ESME_RINVPASWD,
  ESME_RINVSYSID,
} from '../smpp/command-status.js'
import { messagePduFields, readMessagePdu, type MessagePdu } from '../smpp/message-pdu.js'
import { decodeShortMessage } from '../smpp/short-message.js'
import type { ReceivedPdu, SmppWire } from '../smpp/smpp-wire.js'
import { DelayQueue } from './delay-queue.js'
import { inboundPdus } from './inbound-pdu.js'
import { PeakRateMeter } from './peak-rate-meter.js'
import { OutcomeRates } from './outcome-rates.js'
import { outcomeState, receiptPdu, receiptText } from './receipt-builder.js'
import type {
  InboundRequest,
  ReceiptRequest,
  SimulatorStats,
  SmscSimulatorOptions,
  SubmittedRecord,
} from './smsc-simulator.js'
import { SubmittedLog, type StoredSubmit } from './submitted-log.js'
import { ThrottlePolicy, type ThrottleSetting } from './throttle-policy.js'

type BindMode = 'transmitter' | 'receiver' | 'transceiver'

interface Peer {
  readonly wire: SmppWire
  mode?: BindMode
}

const BIND_MODES: Readonly<Record<string, BindMode>> = {
  bind_transmitter: 'transmitter',
  bind_receiver: 'receiver',
  bind_transceiver: 'transceiver',
}
const DELIVER_TIMEOUT_MS = 10_000
/** Receipts kept for a client that is not bound; past this many the oldest are not kept. */
const MAX_PARKED_RECEIPTS = 1_000_000
const REDELIVER_AFTER_MS = 500
const ZERO_COUNTS = { submits: 0, throttled: 0, duplicates: 0, receiptsSent: 0, receiptsDropped: 0 }

/** The SMSC side of the simulator: what it answers on each connection, and what it sends. */
export class SimulatedSmsc {
  readonly #options: SmscSimulatorOptions
  readonly #clock: Clock
  readonly #packedGsm7: boolean
  readonly #outcomes: OutcomeRates
  readonly #peers = new Set<Peer>()
  readonly #parked: MessagePdu[] = []
  readonly #log: SubmittedLog
  readonly #receipts: DelayQueue
  readonly #policy = new ThrottlePolicy()
  readonly #meter = new PeakRateMeter()
  readonly #seen = new Set<number>()
  #counts = { ...ZERO_COUNTS }
  #inboundSent = 0
  // Ids start at a random point so a restarted simulator does not repeat the last run's ids.
  #nextId = randomInt(1, 2 ** 40)

  constructor(options: SmscSimulatorOptions) {
    this.#options = options
    this.#clock = options.clock ?? systemClock
    this.#packedGsm7 = options.packedGsm7 ?? false
    this.#outcomes = new OutcomeRates(
      options.outcomes ?? { delivered: 1, undelivered: 0, expired: 0, rejected: 0 },
    )
    this.#log = new SubmittedLog(options.maxRecords ?? 1_000_000)
    this.#receipts = new DelayQueue(options.receiptDelayMs ?? 200, this.#clock)
  }

  accept(wire: SmppWire): void {
    const peer: Peer = { wire }
    this.#peers.add(peer)
    wire.onClose(() => this.#peers.delete(peer))
    wire.onRequest((pdu) => this.#handle(peer, pdu))
  }

  /** Drops receipts not yet sent. */
  stop(): void {
    this.#receipts.clear()
  }

  throttle(setting: ThrottleSetting): void {
    this.#policy.set(setting, this.#clock.now())
  }

  stats(): SimulatorStats {
    return {
      ...this.#counts,
      maxSegmentsPerSecond: this.#meter.peakPerSecond,
      inboundSent: this.#inboundSent,
      receiptsWaiting: this.#parked.length,
      binds: [...this.#peers].filter((peer) => peer.mode !== undefined).length,
    }
  }

  reset(): void {
    this.#log.clear()
    this.#seen.clear()
    this.#meter.reset()
    this.#counts = { ...ZERO_COUNTS }
    this.#inboundSent = 0
    this.#parked.length = 0
  }

  submittedSince(since: number, limit: number): SubmittedRecord[] {
    return this.#log
      .read(since, limit)
      .map(({ index, record }) => describe(index, record, this.#packedGsm7))
  }

  async sendInbound(request: InboundRequest): Promise<boolean> {
    const receiver = this.#receiver(undefined)
    if (receiver === undefined) return false

    const pdus = inboundPdus({
      ...request,
      reference: randomInt(0, 256),
      packedGsm7: this.#packedGsm7,
    })
    this.#inboundSent += pdus.length
    await Promise.all(
      pdus.map((pdu) =>
        receiver.wire.request('deliver_sm', messagePduFields(pdu), DELIVER_TIMEOUT_MS),
      ),
    )
    return true
  }

  sendReceipt(request: ReceiptRequest): boolean {
    const nowMs = this.#clock.now()
    const state = request.state ?? 'DELIVERED'
    const errorCode = request.errorCode ?? '000'
    const text =
      request.text ??
      receiptText({
        smscMessageId: request.messageId,
        submittedAtMs: nowMs,
        doneAtMs: nowMs,
        state,
        err: errorCode,
        text: '',
      })
    const networkErrorCode = /^[0-9]{1,5}$/.test(errorCode) ? Number(errorCode) : undefined

    const pdu = receiptPdu({
      recipient: '',
      sender: '',
      text,
      tlvs:
        request.state === undefined
          ? undefined
          : { smscMessageId: request.messageId, state, networkErrorCode },
    })
    if (pdu.short_message.length > 254) {
      throw new ValidationError([
        { field: '/text', code: 'TOO_LONG', message: 'must fit in 254 octets' },
      ])
    }
    return this.#deliver(undefined, pdu)
  }

  #handle(peer: Peer, pdu: ReceivedPdu): void {
    const mode = BIND_MODES[pdu.command]
    if (mode !== undefined) return this.#bind(peer, pdu, mode)

    switch (pdu.command) {
      case 'enquire_link':
        return peer.wire.respond(pdu)
      case 'unbind':
        peer.wire.respond(pdu)
        void peer.wire.close()
        return
      case 'submit_sm':
        return this.#submit(peer, pdu)
      default:
        peer.wire.respond(pdu, { command_status: ESME_RINVCMDID })
    }
  }

  #bind(peer: Peer, pdu: ReceivedPdu, mode: BindMode): void {
    const { systemId, password } = this.#options
    let status = 0
    if (peer.mode !== undefined) status = ESME_RALYBND
    else if (systemId !== undefined && pdu.string('system_id') !== systemId) status = ESME_RINVSYSID
    else if (password !== undefined && pdu.string('password') !== password) status = ESME_RINVPASWD

    if (status === 0) peer.mode = mode
    peer.wire.respond(pdu, status === 0 ? { system_id: 'nudge-sim' } : { command_status: status })
    this.#options.logger.debug({ mode, status }, 'simulator bind')
    if (status === 0 && mode !== 'transmitter') {
      for (const parked of this.#parked.splice(0)) this.#forward(peer, parked)
    }
  }

  #submit(peer: Peer, pdu: ReceivedPdu): void {
    if (peer.mode !== 'transmitter' && peer.mode !== 'transceiver') {
      return peer.wire.respond(pdu, { command_status: ESME_RINVBNDSTS })
    }
    const nowMs = this.#clock.now()
    const refusal = this.#policy.admit(nowMs)
    if (refusal !== 0) {
      this.#counts.throttled++
      return peer.wire.respond(pdu, { command_status: refusal })
    }

    const message = readMessagePdu(pdu)
    const smscMessageId = this.#newMessageId()
    peer.wire.respond(pdu, { message_id: smscMessageId })

    const record: StoredSubmit = {
      receivedAtMs: nowMs,
      smscMessageId,
      sender: message.source_addr,
      recipient: message.destination_addr,
      dataCoding: message.data_coding,
      esmClass: message.esm_class,
      registeredDelivery: message.registered_delivery,
      shortMessage: message.short_message,
    }
    this.#count(record)
    this.#log.append(record)
    this.#scheduleReceipt(peer, record)
  }

  #count(record: StoredSubmit): void {
    this.#counts.submits++
    this.#meter.record(record.receivedAtMs)

    const digest = createHash('sha1')
      .update(`${record.recipient}\u0000${record.dataCoding}\u0000`)
      .update(record.shortMessage)
      .digest()
    const key = digest.readUIntBE(0, 6)
    if (this.#seen.has(key)) this.#counts.duplicates++
    // Limitation: past maxRecords distinct segments the memory of seen ones starts over, so a
    // duplicate of something older is not counted.
    else if (this.#seen.size >= (this.#options.maxRecords ?? 1_000_000)) this.#seen.clear()
    this.#seen.add(key)
  }

  // registered_delivery low bits: 1 asks for a receipt on any final outcome, 2 on failure only.
  #scheduleReceipt(peer: Peer, record: StoredSubmit): void {
    const wanted = record.registeredDelivery & 0x03
    const outcome = this.#outcomes.draw()
    if (wanted !== 1 && !(wanted === 2 && outcome !== 'delivered')) return

    this.#receipts.add(() => {
      const { state, err } = outcomeState(outcome)
      const text = receiptText({
        smscMessageId: record.smscMessageId,
        submittedAtMs: record.receivedAtMs,
        doneAtMs: this.#clock.now(),
        state,
        err,
        text: decodeShortMessage(smppView(record), { packedGsm7: this.#packedGsm7 }).text,
      })
      const tlvs = { smscMessageId: record.smscMessageId, state }
      this.#forward(peer, receiptPdu({ ...record, text, tlvs }))
    })
  }

  // The submitting bind gets the receipt if it can take one, else any receiving bind: a
  // carrier routes receipts by account, not by connection.
  #deliver(preferred: Peer | undefined, pdu: MessagePdu): boolean {
    const receiver = this.#receiver(preferred)
    if (receiver === undefined) {
      this.#counts.receiptsDropped++
      return false
    }

    void receiver.wire.request('deliver_sm', messagePduFields(pdu), DELIVER_TIMEOUT_MS)
    this.#counts.receiptsSent++
    return true
  }

  // Like a carrier, the simulator keeps a receipt it could not hand over (no receiving bind,
  // the bind dropped before deliver_sm_resp, or the client answered with an error) and sends
  // it again, so a client that crashed still learns how its messages ended.
  #forward(preferred: Peer | undefined, pdu: MessagePdu): void {
    const receiver = this.#receiver(preferred)
    if (receiver === undefined) return this.#park(pdu)

    this.#counts.receiptsSent++
    void receiver.wire
      .request('deliver_sm', messagePduFields(pdu), DELIVER_TIMEOUT_MS)
      .then((result) => {
        if (result.kind === 'response' && result.pdu.command_status === 0) return
        // Refused or unanswered: try again shortly, on whichever receiving bind is up then.
        this.#counts.receiptsSent--
        setTimeout(() => this.#forward(undefined, pdu), REDELIVER_AFTER_MS).unref()
      })
  }

  #park(pdu: MessagePdu): void {
    if (this.#parked.length >= MAX_PARKED_RECEIPTS) {
      this.#parked.shift()
      this.#counts.receiptsDropped++
    }
    this.#parked.push(pdu)
  }

  #receiver(preferred: Peer | undefined): Peer | undefined {
    const canReceive = (peer: Peer): boolean =>
      peer.wire.isOpen && (peer.mode === 'receiver' || peer.mode === 'transceiver')
    if (preferred !== undefined && canReceive(preferred)) return preferred
    return [...this.#peers].find(canReceive)
  }

  #newMessageId(): string {
    const id = this.#nextId++
    return this.#options.idFormat === 'decimal' ? String(id) : id.toString(16)
  }
}

function smppView(
  record: StoredSubmit,
): Pick<MessagePdu, 'esm_class' | 'data_coding' | 'short_message'> {
  return {
    esm_class: record.esmClass,
    data_coding: record.dataCoding,
    short_message: record.shortMessage,
  }
}

function describe(index: number, record: StoredSubmit, packedGsm7: boolean): SubmittedRecord {
  const { text, concat } = decodeShortMessage(smppView(record), { packedGsm7 })
  return {
    index,
    receivedAtMs: record.receivedAtMs,
    smscMessageId: record.smscMessageId,
    sender: record.sender,
    recipient: record.recipient,
    dataCoding: record.dataCoding,
    esmClass: record.esmClass,
    registeredDelivery: record.registeredDelivery,
    shortMessageHex: record.shortMessage.toString('hex'),
    text,
    concat: concat ?? null,
  }
}
