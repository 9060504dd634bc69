// Types for the parts of the untyped `smpp` package (node-smpp 0.5) that smpp-wire.ts uses,
// plus its client API, which only the benchmark's bare raw-ceiling client uses.
declare module 'smpp' {
  import { EventEmitter } from 'node:events'
  import type { Server as NetServer, Socket } from 'node:net'

  namespace smpp {
    /** One PDU: header fields, then body fields and TLVs as properties named as in SMPP. */
    class PDU {
      constructor(command: string, options?: Readonly<Record<string, unknown>>)
      command: string
      command_status: number
      sequence_number: number;
      [field: string]: unknown
      isResponse(): boolean
      toBuffer(): Buffer
      response(options?: Readonly<Record<string, unknown>>): PDU
    }

    /** PDU framing over one socket; emits `pdu`, `close` and `error`. */
    class Session extends EventEmitter {
      constructor(options: { socket: Socket })
      readonly socket: Socket
      /** Assigns the next sequence number to a request; false when the socket is not writable. */
      send(pdu: PDU): boolean
      close(): void
      destroy(): void
    }

    interface FieldDefinition {
      readonly type: unknown
      readonly filter?: unknown
      readonly default?: unknown
    }

    interface CommandDefinition {
      readonly id: number
      readonly params?: Readonly<Record<string, FieldDefinition>>
    }

    /** The package's own client session, with one method per SMPP command. */
    class ClientSession extends Session {
      on(event: 'deliver_sm', listener: (pdu: PDU) => void): this
      on(event: string, listener: (...args: unknown[]) => void): this
      bind_transceiver(
        fields: Readonly<Record<string, unknown>>,
        callback: (pdu: PDU) => void,
      ): void
      submit_sm(fields: Readonly<Record<string, unknown>>, callback: (pdu: PDU) => void): void
      unbind(callback: (pdu: PDU) => void): void
    }

    function connect(options: { url: string }): ClientSession
    function createServer(listener: (session: Session) => void): NetServer
    function addCommand(command: string, definition: CommandDefinition): void
    function addTLV(tag: string, definition: { readonly id: number; readonly type: unknown }): void

    const commands: Readonly<Record<string, CommandDefinition | undefined>>
    const errors: Readonly<Record<string, number>>
    const types: { readonly buffer: unknown; readonly tlv: { readonly buffer: unknown } }
  }

  export = smpp
}
