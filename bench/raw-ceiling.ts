import smpp from 'smpp'

export interface RawCeilingOptions {
  readonly port: number
  readonly messages: number
  readonly window: number
}

/**
 * The ceiling Nudge is measured against: one bare `smpp` package client on one bind, pushing
 * submit_sm as fast as the window allows, asking for receipts and acknowledging them, with no
 * HTTP, database or webhooks in the way. Returns submits per second.
 */
export async function measureRawCeiling(options: RawCeilingOptions): Promise<number> {
  const session = smpp.connect({ url: `smpp://127.0.0.1:${options.port}` })
  await new Promise<void>((resolve, reject) => {
    session.once('connect', () => {
      // The package leaves Nagle on; with a window, delayed ACKs would stall every round trip.
      session.socket.setNoDelay(true)
      session.bind_transceiver({ system_id: 'raw', password: 'raw' }, (pdu) =>
        pdu.command_status === 0
          ? resolve()
          : reject(new Error(`bind failed ${pdu.command_status}`)),
      )
    })
    session.once('error', reject)
  })
  session.on('deliver_sm', (pdu) => session.send(pdu.response()))

  const startedMs = performance.now()
  let sent = 0
  let done = 0
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (sent < options.messages && sent - done < options.window) {
        const i = sent++
        session.submit_sm(
          {
            source_addr: 'Bench',
            source_addr_ton: 5,
            destination_addr: `1202555${String(i % 10_000).padStart(4, '0')}`,
            dest_addr_ton: 1,
            dest_addr_npi: 1,
            registered_delivery: 1,
            short_message: Buffer.from(`raw ceiling ${i}`),
          },
          () => {
            done++
            if (done === options.messages) resolve()
            else pump()
          },
        )
      }
    }
    pump()
  })
  const seconds = (performance.now() - startedMs) / 1000

  await new Promise<void>((resolve) => session.unbind(() => resolve()))
  session.close()
  return options.messages / seconds
}
