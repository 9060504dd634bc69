import { connect as connectTcp, type Socket } from 'node:net'
import { connect as connectTls, type ConnectionOptions } from 'node:tls'
import smpp from 'smpp'

import { SmscUnreachableError } from '../errors.js'

// The only module that touches the `smpp` package. It frames PDUs for us; everything above
// works with the typed objects below.

// short_message: a Buffer we hand the package goes out untouched, but on the way in the package
// decodes short_message into text with its own alphabet tables, which is lossy (octets it does
// not know become spaces, IA5 is read as GSM, packed septets come out as garbage, the original
// bytes are gone). So the two message commands are redefined, through the package's own
// extension hooks, with a short_message that is plain bytes both ways; message_payload likewise
// (its filter also assigns an undeclared global). This holds for the whole process, which is
// fine because nothing else uses the package.
for (const command of ['submit_sm', 'deliver_sm']) {
  const definition = smpp.commands[command]
  if (definition?.params === undefined) throw new Error(`smpp package has no ${command}`)
  smpp.addCommand(command, {
    ...definition,
    params: { ...definition.params, short_message: { type: smpp.types.buffer } },
  })
}
smpp.addTLV('message_payload', { id: 0x0424, type: smpp.types.tlv.buffer })

/** Body fields and TLVs of an outgoing PDU, named as in SMPP. */
export type WireFields = Readonly<Record<string, number | string | Buffer>>

/** A PDU from the peer, with typed access to its fields. */
export class ReceivedPdu {
  /** `unknown` when the package does not know the command id. */
  readonly command: string
  readonly command_status: number
  readonly sequence_number: number
  readonly isResponse: boolean
  readonly #pdu: smpp.PDU

  constructor(pdu: smpp.PDU) {
    this.command = pdu.command
    this.command_status = pdu.command_status
    this.sequence_number = pdu.sequence_number
    this.isResponse = pdu.isResponse()
    this.#pdu = pdu
  }

  number(field: string): number | undefined {
    const value = this.#pdu[field]
    return typeof value === 'number' ? value : undefined
  }

  string(field: string): string | undefined {
    const value = this.#pdu[field]
    return typeof value === 'string' ? value : undefined
  }

  buffer(field: string): Buffer | undefined {
    const value = this.#pdu[field]
    return Buffer.isBuffer(value) ? value : undefined
  }
}

export type ResponseResult =
  { kind: 'response'; pdu: ReceivedPdu } | { kind: 'timeout' } | { kind: 'closed' }

export interface WireConnectOptions {
  readonly host: string
  readonly port: number
  readonly tls: boolean
  readonly tlsOptions?: Pick<
    ConnectionOptions,
    'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'
  >
  readonly connectTimeoutMs: number
}

interface PendingRequest {
  readonly resolve: (result: ResponseResult) => void
  readonly timer: NodeJS.Timeout
}

/** One SMPP connection, either end: requests matched to responses, every socket without Nagle. */
export class SmppWire {
  readonly #session: smpp.Session
  readonly #pending = new Map<number, PendingRequest>()
  readonly #requestListeners: ((pdu: ReceivedPdu) => void)[] = []
  readonly #closeListeners: ((reason: string) => void)[] = []
  #closeReason: string | undefined
  #isClosed = false
  #isCorked = false

  /** Wraps a session the package made; use {@link SmppWire.connect} or {@link listenSmpp}. */
  constructor(session: smpp.Session) {
    this.#session = session
    // Small PDUs waiting for a delayed ACK cost ~45 ms each without this.
    session.socket.setNoDelay(true)
    session.on('pdu', (pdu: smpp.PDU) => this.#receive(pdu))
    // After a framing error the package stops reading the socket for good, so any error ends
    // the connection.
    session.on('error', (err: Error) => this.destroy(err.message))
    session.on('close', () => this.#finish())
  }

  static connect(options: WireConnectOptions): Promise<SmppWire> {
    return new Promise((resolve, reject) => {
      const target = { host: options.host, port: options.port }
      const socket: Socket = options.tls
        ? connectTls({ ...options.tlsOptions, ...target })
        : connectTcp(target)
      const fail = (cause: unknown): void => {
        clearTimeout(timer)
        socket.destroy()
        reject(
          new SmscUnreachableError('could not connect to the SMSC', { details: target, cause }),
        )
      }
      const timer = setTimeout(
        () => fail(new Error(`no connection within ${options.connectTimeoutMs} ms`)),
        options.connectTimeoutMs,
      )

      socket.once('error', fail)
      socket.once(options.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer)
        socket.off('error', fail)
        resolve(new SmppWire(new smpp.Session({ socket })))
      })
    })
  }

  get isOpen(): boolean {
    return !this.#isClosed
  }

  /** Requests sent and not yet answered. */
  get outstanding(): number {
    return this.#pending.size
  }

  /** Requests from the peer (never responses). Answer them with {@link respond}. */
  onRequest(listener: (pdu: ReceivedPdu) => void): void {
    this.#requestListeners.push(listener)
  }

  onClose(listener: (reason: string) => void): void {
    if (this.#isClosed) listener(this.#closeReason ?? 'connection closed')
    else this.#closeListeners.push(listener)
  }

  /** Sends a request and waits for the response with the same sequence number. */
  request(command: string, fields: WireFields, timeoutMs: number): Promise<ResponseResult> {
    if (this.#isClosed) return Promise.resolve({ kind: 'closed' })
    const pdu = new smpp.PDU(command, fields)
    this.#batchWrites()
    if (!this.#session.send(pdu)) return Promise.resolve({ kind: 'closed' })
    const sequence = pdu.sequence_number

    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(sequence)
        resolve({ kind: 'timeout' })
      }, timeoutMs)
      this.#pending.set(sequence, { resolve, timer })
    })
  }

  /** Answers a request; requests SMPP gives no response (outbind, alert_notification) get none. */
  respond(request: ReceivedPdu, fields: WireFields = {}): void {
    const command = `${request.command}_resp`
    const responseCommand =
      smpp.commands[command] !== undefined
        ? command
        : request.command === 'unknown'
          ? 'generic_nack'
          : undefined
    if (responseCommand === undefined || this.#isClosed) return

    this.#batchWrites()
    this.#session.send(
      new smpp.PDU(responseCommand, { ...fields, sequence_number: request.sequence_number }),
    )
  }

  /** Ends the connection politely; destroys it if the peer has not closed within `timeoutMs`. */
  close(timeoutMs = 2000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.destroy('close timed out'), timeoutMs)
      this.onClose(() => {
        clearTimeout(timer)
        resolve()
      })
      this.#closeReason ??= 'closed by us'
      this.#session.close()
    })
  }

  destroy(reason: string): void {
    this.#closeReason ??= reason
    this.#session.destroy()
  }

  // The package writes each PDU on its own, one system call apiece. Corking the socket until
  // the end of the tick sends every PDU written in between in one go: under load, a window's
  // worth of submits or responses per call instead of one.
  #batchWrites(): void {
    if (this.#isCorked) return
    this.#isCorked = true
    this.#session.socket.cork()
    process.nextTick(() => {
      this.#isCorked = false
      this.#session.socket.uncork()
    })
  }

  #receive(pdu: smpp.PDU): void {
    const received = new ReceivedPdu(pdu)
    if (!received.isResponse) {
      for (const listener of this.#requestListeners) listener(received)
      return
    }

    const pending = this.#pending.get(received.sequence_number)
    if (pending === undefined) return
    this.#pending.delete(received.sequence_number)
    clearTimeout(pending.timer)
    pending.resolve({ kind: 'response', pdu: received })
  }

  #finish(): void {
    if (this.#isClosed) return
    this.#isClosed = true

    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer)
      pending.resolve({ kind: 'closed' })
    }
    this.#pending.clear()

    const reason = this.#closeReason ?? 'connection closed by the peer'
    for (const listener of this.#closeListeners.splice(0)) listener(reason)
  }
}

export interface SmppListener {
  /** The port actually bound, useful when 0 was asked for. */
  readonly port: number
  /** Stops accepting and drops every open connection. */
  close(): Promise<void>
}

export interface ListenOptions {
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
  readonly onConnection: (wire: SmppWire) => void
  readonly onError: (err: Error) => void
}

/** Accepts SMPP connections (the server half, for the simulator). */
export async function listenSmpp(options: ListenOptions): Promise<SmppListener> {
  const wires = new Set<SmppWire>()
  const server = smpp.createServer((session) => {
    const wire = new SmppWire(session)
    wires.add(wire)
    wire.onClose(() => wires.delete(wire))
    options.onConnection(wire)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', options.onError)

  const address = server.address()
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const wire of wires) wire.destroy('listener closed')
      }),
  }
}

/** The ESME_… name of a command_status, or its hex value when the package has no name. */
export function commandStatusName(status: number): string {
  return STATUS_NAMES.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`
}

const STATUS_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(smpp.errors).map(([name, status]) => [status, name]),
)

/** The exact bytes the package puts on the wire for a PDU; for tests and trace logs. */
export function encodePdu(command: string, fields: WireFields): Buffer {
  return new smpp.PDU(command, fields).toBuffer()
}
