import assert from 'node:assert/strict'
import { connect as connectTcp } from 'node:net'
import { after, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { createServer as createTlsServer } from 'node:tls'

import { splitSegments } from '../../messaging/index.js'
import { silentLogger } from '../../runtime/index.js'
import type { DeliveryReceipt, InboundText, OutboundSegment } from '../carrier.js'
import { startSmscSimulator, type SubmittedRecord } from '../simulator/smsc-simulator.js'
import { SmppCarrier, type SmppCarrierOptions } from './smpp-carrier.js'
import { listenSmpp, type ReceivedPdu, type SmppListener, type SmppWire } from './smpp-wire.js'

const logger = silentLogger()
const closers: (() => Promise<unknown>)[] = []
after(async () => {
  for (const close of closers.reverse()) await close()
})

function carrierFor(port: number, extra: Partial<SmppCarrierOptions> = {}): SmppCarrier {
  const carrier = new SmppCarrier({
    carrierId: 'test',
    host: '127.0.0.1',
    port,
    tls: false,
    systemId: 'nudge',
    password: 'secret',
    systemType: '',
    bindCount: 1,
    windowSize: 10,
    enquireLinkSeconds: 30,
    packedGsm7: false,
    logger,
    responseTimeoutMs: 2000,
    reconnectMinMs: 50,
    reconnectMaxMs: 400,
    ...extra,
  })
  closers.push(() => carrier.close())
  carrier.connect()
  return carrier
}

async function simulator(options: Parameters<typeof startSmscSimulator>[0] = { logger }) {
  const started = await startSmscSimulator(options)
  closers.push(() => started.close())
  return started
}

async function waitFor(isDone: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await sleep(10)
  }
}

async function control(port: number, path: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as unknown }
}

function segment(extra: Partial<OutboundSegment>): OutboundSegment {
  return {
    sender: { address: 'Nudge', ton: 5, npi: 0 },
    recipient: '+447700900123',
    encoding: 'GSM-7',
    payload: Buffer.from('Hi'),
    requestReceipt: false,
    ...extra,
  }
}

describe('SmppCarrier against the simulator', () => {
  test('sends a 2-part GSM message and a UCS-2 one with the encoding the SMSC expects', async () => {
    const smsc = await simulator({ logger, receiptDelayMs: 20 })
    const carrier = carrierFor(smsc.smppPort)
    const receipts: DeliveryReceipt[] = []
    carrier.onReceipt((receipt) => {
      receipts.push(receipt)
    })
    assert.equal(await carrier.waitForBinds(1, 2000), true)

    const text = 'Your order #1042 has shipped and arrives on Friday. '.repeat(4)
    const parts = splitSegments(text)
    assert.equal(parts.length, 2)
    const segments = [
      ...parts.map((part, i) =>
        segment({
          payload: part.payload,
          concat: { reference: 0x2a, total: 2, seq: i + 1 },
          requestReceipt: true,
        }),
      ),
      segment({
        encoding: 'UCS-2',
        payload: Buffer.from('Zoë, danke 😀', 'utf16le').swap16(),
        requestReceipt: true,
      }),
    ]
    const outcomes = await Promise.all(segments.map((s) => carrier.submit(s)))

    const ids = outcomes.map((outcome) => {
      assert.equal(outcome.kind, 'accepted')
      return outcome.kind === 'accepted' ? outcome.smscMessageId : ''
    })
    const { body } = await control(smsc.controlPort, '/submitted?since=0')
    const byId = new Map((body as SubmittedRecord[]).map((r) => [r.smscMessageId, r]))
    for (const [i, part] of parts.entries()) {
      const record = byId.get(ids[i]!)
      assert.equal(record?.dataCoding, 0)
      assert.equal(record?.esmClass, 0x40)
      assert.deepEqual(record?.concat, { reference: 0x2a, total: 2, seq: i + 1 })
      assert.equal(record?.text, part.text)
      assert.equal(record?.recipient, '447700900123')
      assert.equal(record?.registeredDelivery, 1)
    }
    const ucs2 = byId.get(ids[2]!)
    assert.equal(ucs2?.dataCoding, 8)
    assert.equal(ucs2?.esmClass, 0)
    assert.equal(ucs2?.concat, null)
    assert.equal(ucs2?.text, 'Zoë, danke 😀')
    assert.equal(
      ucs2?.shortMessageHex,
      Buffer.from('Zoë, danke 😀', 'utf16le').swap16().toString('hex'),
    )

    await waitFor(() => receipts.length === 3)
    assert.deepEqual(receipts.map((r) => r.smscMessageId).sort(), [...ids].sort())
    assert.ok(receipts.every((r) => r.state === 'delivered' && r.errorCode === '000'))
    const first = receipts.find((r) => r.smscMessageId === ids[0])
    assert.equal(first?.text, text.slice(0, 20))
  })

  test('reports throttled while the SMSC answers ESME_RTHROTTLED or ESME_RMSGQFUL', async () => {
    const smsc = await simulator()
    const carrier = carrierFor(smsc.smppPort)
    await carrier.waitForBinds(1, 2000)

    await control(smsc.controlPort, '/throttle', { mode: 'all' })
    assert.deepEqual(await carrier.submit(segment({})), {
      kind: 'throttled',
      status: 0x58,
      statusName: 'ESME_RTHROTTLED',
    })
    await control(smsc.controlPort, '/throttle', { mode: 'all', status: 'ESME_RMSGQFUL' })
    assert.deepEqual(await carrier.submit(segment({})), {
      kind: 'throttled',
      status: 0x14,
      statusName: 'ESME_RMSGQFUL',
    })
    await control(smsc.controlPort, '/throttle', { mode: 'rate', segmentsPerSecond: 2 })
    const kinds = []
    for (let i = 0; i < 4; i++) kinds.push((await carrier.submit(segment({}))).kind)
    assert.deepEqual(kinds, ['accepted', 'accepted', 'throttled', 'throttled'])
    await control(smsc.controlPort, '/throttle', { mode: 'off' })
    assert.equal((await carrier.submit(segment({}))).kind, 'accepted')
  })

  test('passes texts sent through the control API to onInbound, long ones joined', async () => {
    const smsc = await simulator()
    const carrier = carrierFor(smsc.smppPort)
    const inbound: InboundText[] = []
    carrier.onInbound((text) => {
      inbound.push(text)
    })
    await carrier.waitForBinds(1, 2000)

    const long = 'Bitte nicht mehr schreiben – danke! '.repeat(3)
    for (const text of ['STOP', long]) {
      const reply = await control(smsc.controlPort, '/inbound', {
        from: '+447700900123',
        to: '+447700900999',
        text,
      })
      assert.equal(reply.status, 200)
    }

    await waitFor(() => inbound.length === 2)
    assert.deepEqual(inbound, [
      { sender: '+447700900123', recipient: '+447700900999', text: 'STOP' },
      { sender: '+447700900123', recipient: '+447700900999', text: long },
    ])
  })

  test('reconnects after the SMSC goes away and comes back on the same port', async () => {
    const first = await startSmscSimulator({ logger })
    const carrier = carrierFor(first.smppPort)
    assert.equal(await carrier.waitForBinds(1, 2000), true)

    await first.close()
    await waitFor(() => carrier.bindsUp() === 0)
    assert.deepEqual(await carrier.submit(segment({})), {
      kind: 'unavailable',
      reason: 'no bind up',
    })

    const second = await simulator({ logger, smppPort: first.smppPort })
    assert.equal(await carrier.waitForBinds(1, 3000), true)
    assert.equal((await carrier.submit(segment({}))).kind, 'accepted')
    assert.equal(second.submitted().length, 1)
  })

  test('stays unbound and answers unavailable when the SMSC refuses the password', async () => {
    const smsc = await simulator({ logger, systemId: 'nudge', password: 'right' })
    const carrier = carrierFor(smsc.smppPort, { password: 'wrong' })

    assert.equal(await carrier.waitForBinds(1, 300), false)
    assert.equal((await carrier.submit(segment({}))).kind, 'unavailable')
  })

  test('binds over TLS', async () => {
    const smsc = await simulator()
    const proxy = await tlsProxy(smsc.smppPort)
    const carrier = carrierFor(proxy.port, { tls: true, tlsOptions: { ca: TEST_CERT } })

    assert.equal(await carrier.waitForBinds(1, 2000), true)
    assert.equal((await carrier.submit(segment({}))).kind, 'accepted')
  })
})

describe('SmppCarrier against a scripted SMSC', () => {
  test('keeps at most windowSize submits outstanding per bind and spreads them over binds', async () => {
    const outstanding = new Map<SmppWire, number>()
    let most = 0
    const smsc = await scriptedSmsc((wire, pdu) => {
      outstanding.set(wire, (outstanding.get(wire) ?? 0) + 1)
      most = Math.max(most, outstanding.get(wire)!)
      setTimeout(() => {
        outstanding.set(wire, outstanding.get(wire)! - 1)
        wire.respond(pdu, { message_id: `m${pdu.sequence_number}` })
      }, 15)
    })
    const carrier = carrierFor(smsc.port, { bindCount: 2, windowSize: 2 })
    assert.equal(await carrier.waitForBinds(2, 2000), true)

    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => carrier.submit(segment({}))),
    )

    assert.ok(outcomes.every((o) => o.kind === 'accepted'))
    assert.equal(most, 2)
    assert.equal(outstanding.size, 2)
  })

  test('maps any other command_status to rejected with its name', async () => {
    const smsc = await scriptedSmsc((wire, pdu) => wire.respond(pdu, { command_status: 0x0b }))
    const carrier = carrierFor(smsc.port)
    await carrier.waitForBinds(1, 2000)

    assert.deepEqual(await carrier.submit(segment({})), {
      kind: 'rejected',
      status: 0x0b,
      statusName: 'ESME_RINVDSTADR',
    })
  })

  test('answers unavailable when the connection drops before the response', async () => {
    const smsc = await scriptedSmsc((wire) => wire.destroy('dropped by the test'))
    const carrier = carrierFor(smsc.port)
    await carrier.waitForBinds(1, 2000)

    assert.deepEqual(await carrier.submit(segment({})), {
      kind: 'unavailable',
      reason: 'bind closed before the SMSC answered',
    })
    assert.equal(await carrier.waitForBinds(1, 2000), true)
  })

  test('answers unavailable when the response does not come in time', async () => {
    const smsc = await scriptedSmsc(() => undefined)
    const carrier = carrierFor(smsc.port, { responseTimeoutMs: 100 })
    await carrier.waitForBinds(1, 2000)

    assert.deepEqual(await carrier.submit(segment({})), {
      kind: 'unavailable',
      reason: 'no answer from the SMSC within 100 ms',
    })
  })

  test("answers the SMSC's enquire_link", async () => {
    const smsc = await scriptedSmsc(() => undefined)
    const carrier = carrierFor(smsc.port)
    await carrier.waitForBinds(1, 2000)

    const result = await smsc.wires[0]!.request('enquire_link', {}, 1000)
    assert.equal(result.kind, 'response')
    assert.equal(result.kind === 'response' && result.pdu.command, 'enquire_link_resp')
  })
})

/** An SMSC that binds anyone and hands each submit_sm to the test. */
async function scriptedSmsc(
  onSubmit: (wire: SmppWire, pdu: ReceivedPdu) => void,
): Promise<SmppListener & { wires: SmppWire[] }> {
  const wires: SmppWire[] = []
  const listener = await listenSmpp({
    host: '127.0.0.1',
    port: 0,
    onError: () => undefined,
    onConnection: (wire) => {
      wires.push(wire)
      wire.onRequest((pdu) => {
        if (pdu.command === 'submit_sm') onSubmit(wire, pdu)
        else wire.respond(pdu, pdu.command.startsWith('bind_') ? { system_id: 'scripted' } : {})
      })
    },
  })
  closers.push(() => listener.close())
  return Object.assign(listener, { wires })
}

/** Terminates TLS on loopback and passes the bytes to a plain TCP port. */
async function tlsProxy(targetPort: number): Promise<{ port: number }> {
  const server = createTlsServer({ key: TEST_KEY, cert: TEST_CERT }, (socket) => {
    const target = connectTcp({ host: '127.0.0.1', port: targetPort })
    socket.pipe(target).pipe(socket)
    socket.on('error', () => target.destroy())
    target.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise((resolve) => server.close(resolve)))
  const address = server.address()
  return { port: typeof address === 'object' && address !== null ? address.port : 0 }
}

// A self-signed certificate for 127.0.0.1 made for these tests only (openssl, P-256, 100 years).
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMzocY2eQNYodH/v4
X+/10LJ1m3TZy9bnPIJvpCW5OhWhRANCAAQf46ngVSQYcGsPspY77iHRMe47ZwCn
PHKc/WGkY0MpL6L1IEIuxlt9p7JdR5H9O5RT/Gk9CmixVd3UakPi4P8o
-----END PRIVATE KEY-----
`
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUe1QemCojUn8pzHlUeGIKqxtTRv8wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNDE2Mzg0M1oYDzIxMjYxMTEw
MTYzODQzWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQf46ngVSQYcGsPspY77iHRMe47ZwCnPHKc/WGkY0MpL6L1IEIuxlt9
p7JdR5H9O5RT/Gk9CmixVd3UakPi4P8oo2QwYjAdBgNVHQ4EFgQUIqRLupoOMUyG
onJ2HQmPKRflijcwHwYDVR0jBBgwFoAUIqRLupoOMUyGonJ2HQmPKRflijcwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IQDlFu/HXq2NcMR1z8o2kYicsxazkZhpqjRsIoC3e3du3QIgW48JgHl/wlFwUVyL
kI6WBfyOUJA7bXlZYLM6Nh3iDgA=
-----END CERTIFICATE-----
`
