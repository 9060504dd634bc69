import type { ConnectionOptions } from 'node:tls'

import { systemClock, type Clock, type Logger } from '../../runtime/index.js'
import type {
  CarrierConnection,
  DeliveryReceipt,
  InboundText,
  OutboundSegment,
  SubmitOutcome,
} from '../carrier.js'
import { InboundAssembler } from './inbound-assembler.js'
import { SmppSession, type SmppSessionOptions } from './smpp-session.js'
import { buildSubmitSm } from './submit-pdu.js'
import { submitOutcomeOf } from './submit-outcome.js'

export interface SmppCarrierOptions {
  /** Our id for the carrier; every log line carries it. */
  readonly carrierId: string
  readonly host: string
  readonly port: number
  /** Connect over TLS instead of plain TCP. */
  readonly tls: boolean
  /** Certificate checks for TLS, e.g. a private CA; Node's defaults when absent. */
  readonly tlsOptions?: Pick<
    ConnectionOptions,
    'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'
  >
  readonly systemId: string
  readonly password: string
  /** Often empty; some carriers route or bill by it. */
  readonly systemType: string
  /** Binds kept up at once; submits are spread over them. */
  readonly bindCount: number
  /** Most segments awaiting the carrier's answer on one bind; further submits wait for room. */
  readonly windowSize: number
  /** Seconds between enquire_link probes on each bind. */
  readonly enquireLinkSeconds: number
  /** The carrier packs GSM-7 septets 7 bits each instead of one per octet. */
  readonly packedGsm7: boolean
  readonly logger: Logger
  /** How long a bind, submit or probe waits for the carrier's answer, in ms. Default 10 000. */
  readonly responseTimeoutMs?: number
  /** TCP (and TLS) connect timeout in ms. Default 10 000. */
  readonly connectTimeoutMs?: number
  /** First reconnect delay in ms, doubled per failed attempt. Default 250. */
  readonly reconnectMinMs?: number
  /** Longest reconnect delay in ms. Default 30 000. */
  readonly reconnectMaxMs?: number
  /** How long the parts of an inbound text may take to arrive, in ms. Default 60 000. */
  readonly inboundPartsTimeoutMs?: number
  readonly clock?: Clock
}

interface LiveBind {
  readonly session: SmppSession
  /** Submits sent on this bind and not yet answered, or reserved to be sent. */
  inFlight: number
}

interface BindSlot {
  readonly index: number
  live?: LiveBind
  upSinceMs: number
  /** Attempts since the bind was last stable; sets the next reconnect delay. */
  failures: number
  timer?: NodeJS.Timeout
  opening?: Promise<void>
}

/** A bind that stayed up this long resets the reconnect delay to its minimum. */
const STABLE_BIND_MS = 30_000

/** A carrier reached over SMPP 3.4: keeps its binds up and spreads segments over them. */
export class SmppCarrier implements CarrierConnection {
  readonly carrierId: string
  readonly #options: SmppCarrierOptions
  readonly #logger: Logger
  readonly #clock: Clock
  readonly #slots: BindSlot[]
  readonly #roomWaiters: ((live: LiveBind | undefined) => void)[] = []
  readonly #bindWatchers = new Set<() => void>()
  #isConnected = false
  readonly #receiptListeners: ((receipt: DeliveryReceipt) => Promise<void> | void)[] = []
  readonly #inboundListeners: ((text: InboundText) => Promise<void> | void)[] = []
  readonly #assembler: InboundAssembler
  #nextSlot = 0
  #isClosed = false
  #throttledSinceLog = 0
  #lastThrottleLogMs = Number.NEGATIVE_INFINITY

  constructor(options: SmppCarrierOptions) {
    if (!(options.bindCount >= 1 && options.windowSize >= 1)) {
      throw new RangeError('bindCount and windowSize must be at least 1')
    }
    this.carrierId = options.carrierId
    this.#options = options
    this.#logger = options.logger.child({ carrierId: options.carrierId })
    this.#clock = options.clock ?? systemClock
    this.#assembler = new InboundAssembler({
      timeoutMs: options.inboundPartsTimeoutMs ?? 60_000,
      maxPending: 10_000,
      emit: (text) => this.#emit(this.#inboundListeners, text, 'inbound listener failed'),
    })

    this.#slots = Array.from({ length: options.bindCount }, (_, index) => ({
      index,
      upSinceMs: 0,
      failures: 0,
    }))
  }

  /** Opens every bind; further calls do nothing. */
  connect(): void {
    if (this.#isConnected || this.#isClosed) return
    this.#isConnected = true
    for (const slot of this.#slots) this.#open(slot)
  }

  bindsUp(): number {
    return this.#slots.filter((slot) => slot.live !== undefined).length
  }

  /** Resolves true once `count` binds are up, false if that takes longer than `timeoutMs`. */
  waitForBinds(count: number, timeoutMs: number): Promise<boolean> {
    if (this.bindsUp() >= count) return Promise.resolve(true)

    return new Promise((resolve) => {
      const done = (isUp: boolean): void => {
        clearTimeout(timer)
        this.#bindWatchers.delete(check)
        resolve(isUp)
      }
      const check = (): void => {
        if (this.bindsUp() >= count) done(true)
        else if (this.#isClosed) done(false)
      }
      const timer = setTimeout(() => done(false), timeoutMs)
      this.#bindWatchers.add(check)
    })
  }

  async submit(segment: OutboundSegment): Promise<SubmitOutcome> {
    const pdu = buildSubmitSm(segment, { packedGsm7: this.#options.packedGsm7 })
    if (this.#isClosed) return { kind: 'unavailable', reason: 'carrier closed' }

    const live = this.#reserve() ?? (await this.#waitForRoom())
    if (live === undefined) {
      return { kind: 'unavailable', reason: this.#isClosed ? 'carrier closed' : 'no bind up' }
    }

    let outcome: SubmitOutcome
    try {
      outcome = submitOutcomeOf(await live.session.submit(pdu))
    } finally {
      live.inFlight--
      this.#serveWaiters()
    }

    if (outcome.kind === 'throttled') this.#noteThrottled(outcome.statusName)
    else if (outcome.kind === 'rejected') {
      this.#logger.debug({ statusName: outcome.statusName }, 'submit rejected')
    }
    return outcome
  }

  onReceipt(listener: (receipt: DeliveryReceipt) => Promise<void> | void): void {
    this.#receiptListeners.push(listener)
  }

  onInbound(listener: (text: InboundText) => Promise<void> | void): void {
    this.#inboundListeners.push(listener)
  }

  /** Unbinds every bind and stops reconnecting; waiting submits resolve as unavailable. */
  async close(): Promise<void> {
    if (this.#isClosed) return
    this.#isClosed = true

    for (const slot of this.#slots) clearTimeout(slot.timer)
    this.#serveWaiters()
    await Promise.all(this.#slots.map((slot) => slot.opening))
    await Promise.all(this.#slots.map((slot) => slot.live?.session.close()))

    this.#assembler.close()
    for (const check of [...this.#bindWatchers]) check()
    this.#logger.info({ binds: this.#slots.length }, 'carrier closed')
  }

  #open(slot: BindSlot): void {
    slot.timer = undefined
    if (this.#isClosed) return
    slot.opening = this.#bind(slot).finally(() => {
      slot.opening = undefined
    })
  }

  async #bind(slot: BindSlot): Promise<void> {
    let session: SmppSession
    try {
      session = await SmppSession.open(this.#sessionOptions(), {
        onReceipt: (receipt) =>
          this.#emit(this.#receiptListeners, receipt, 'receipt listener failed'),
        onInbound: (part) => this.#assembler.add(part),
        onClose: (reason) => this.#lost(slot, reason),
      })
    } catch (err) {
      if (this.#isClosed) return
      const retryInMs = this.#scheduleReconnect(slot)
      this.#logger.warn({ bindIndex: slot.index, err, retryInMs }, 'bind failed')
      return
    }

    slot.live = { session, inFlight: 0 }
    slot.upSinceMs = this.#clock.now()
    if (this.#isClosed) return // close() unbinds it

    const { host, port } = this.#options
    this.#logger.info({ bindIndex: slot.index, host, port }, 'bind established')
    this.#serveWaiters()
    for (const check of [...this.#bindWatchers]) check()
  }

  #lost(slot: BindSlot, reason: string): void {
    slot.live = undefined
    if (this.#isClosed) return

    if (this.#clock.now() - slot.upSinceMs >= STABLE_BIND_MS) slot.failures = 0
    const retryInMs = this.#scheduleReconnect(slot)
    this.#logger.warn({ bindIndex: slot.index, reason, retryInMs }, 'bind lost')
    this.#serveWaiters()
  }

  // Exponential backoff with "equal jitter": between half and all of the doubled delay, so
  // binds that dropped together do not come back in lockstep.
  #scheduleReconnect(slot: BindSlot): number {
    const minMs = this.#options.reconnectMinMs ?? 250
    const maxMs = this.#options.reconnectMaxMs ?? 30_000
    const ceilingMs = Math.min(maxMs, minMs * 2 ** Math.min(slot.failures, 20))
    const delayMs = Math.round(ceilingMs / 2 + (Math.random() * ceilingMs) / 2)

    slot.failures++
    slot.timer = setTimeout(() => this.#open(slot), delayMs)
    return delayMs
  }

  #sessionOptions(): SmppSessionOptions {
    const options = this.#options
    return {
      host: options.host,
      port: options.port,
      tls: options.tls,
      tlsOptions: options.tlsOptions,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      systemId: options.systemId,
      password: options.password,
      systemType: options.systemType,
      enquireLinkSeconds: options.enquireLinkSeconds,
      responseTimeoutMs: options.responseTimeoutMs ?? 10_000,
      packedGsm7: options.packedGsm7,
      logger: this.#logger,
    }
  }

  // The least busy bind with room in its window, starting the scan one bind further each time
  // so ties rotate. Reserving here, synchronously, keeps concurrent submits inside the window.
  #reserve(): LiveBind | undefined {
    let best: LiveBind | undefined
    const count = this.#slots.length

    for (let i = 0; i < count; i++) {
      const live = this.#slots[(this.#nextSlot + i) % count]?.live
      if (live === undefined || !live.session.isOpen) continue
      if (live.inFlight >= this.#options.windowSize) continue
      if (best === undefined || live.inFlight < best.inFlight) best = live
    }

    if (best !== undefined) {
      best.inFlight++
      this.#nextSlot = (this.#nextSlot + 1) % count
    }
    return best
  }

  #waitForRoom(): Promise<LiveBind | undefined> {
    if (this.#isClosed || this.bindsUp() === 0) return Promise.resolve(undefined)
    return new Promise((resolve) => this.#roomWaiters.push(resolve))
  }

  // Hands freed room to waiting submits in arrival order; with no bind left they give up.
  #serveWaiters(): void {
    while (this.#roomWaiters.length > 0) {
      if (this.#isClosed || this.bindsUp() === 0) {
        for (const waiter of this.#roomWaiters.splice(0)) waiter(undefined)
        return
      }
      const live = this.#reserve()
      if (live === undefined) return
      this.#roomWaiters.shift()?.(live)
    }
  }

  // One warning per second at most, with the count since the last one: under throttling every
  // submit is answered this way, and a line each would drown the log.
  #noteThrottled(statusName: string): void {
    this.#throttledSinceLog++
    const nowMs = this.#clock.now()
    if (nowMs - this.#lastThrottleLogMs < 1000) return

    this.#logger.warn({ statusName, count: this.#throttledSinceLog }, 'submit throttled')
    this.#throttledSinceLog = 0
    this.#lastThrottleLogMs = nowMs
  }

  /** Settles when every listener has; rejects (so the SMSC redelivers) if one failed. */
  async #emit<T>(
    listeners: readonly ((value: T) => Promise<void> | void)[],
    value: T,
    failure: string,
  ): Promise<void> {
    const results = await Promise.allSettled(listeners.map(async (listener) => listener(value)))
    const rejected = results.find((r) => r.status === 'rejected')
    if (rejected !== undefined) {
      this.#logger.error({ err: rejected.reason }, failure)
      throw rejected.reason
    }
  }
}
