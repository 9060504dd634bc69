import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'

import { encodeGsm7 } from '../../messaging/index.js'
import { silentLogger } from '../../runtime/index.js'
import type { DeliveryReceipt } from '../carrier.js'
import { SmppCarrier } from '../smpp/smpp-carrier.js'
import { startSmscSimulator, type SmscSimulator, type SubmittedRecord } from './smsc-simulator.js'

const logger = silentLogger()
let smsc: SmscSimulator
let carrier: SmppCarrier
const receipts: DeliveryReceipt[] = []

before(async () => {
  smsc = await startSmscSimulator({ logger, receiptDelayMs: 10, idFormat: 'decimal' })
  carrier = new SmppCarrier({
    carrierId: 'control-api-test',
    host: '127.0.0.1',
    port: smsc.smppPort,
    tls: false,
    systemId: 'nudge',
    password: 'secret',
    systemType: '',
    bindCount: 1,
    windowSize: 10,
    enquireLinkSeconds: 30,
    packedGsm7: false,
    logger,
  })
  carrier.onReceipt((receipt) => {
    receipts.push(receipt)
  })
  carrier.connect()
  assert.equal(await carrier.waitForBinds(1, 2000), true)
})

after(async () => {
  await carrier.close()
  await smsc.close()
})

async function call(method: string, path: string, body?: string) {
  const response = await fetch(`http://127.0.0.1:${smsc.controlPort}${path}`, { method, body })
  const text = await response.text()
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (text === '' ? undefined : JSON.parse(text)) as Record<string, unknown> | undefined,
  }
}

async function nextReceipt(count: number): Promise<DeliveryReceipt> {
  for (let i = 0; i < 200 && receipts.length < count; i++) await sleep(10)
  const receipt = receipts[count - 1]
  assert.ok(receipt, 'receipt did not arrive')
  return receipt
}

function submit(text: string, requestReceipt = false) {
  return carrier.submit({
    sender: { address: '447700900999', ton: 1, npi: 1 },
    recipient: '+447700900123',
    encoding: 'GSM-7',
    payload: Buffer.from(encodeGsm7(text)),
    requestReceipt,
  })
}

describe('simulator control API', () => {
  test('replays receipt texts verbatim for any message id', async () => {
    // A line of /work/shared/fixtures/smpp/receipts.txt, as an SMSC sent it.
    const text = 'id:00B8BE19 stat:EXPIRED err:000'
    const count = receipts.length
    const reply = await call('POST', '/receipts', JSON.stringify({ message_id: '00B8BE19', text }))

    assert.equal(reply.status, 200)
    assert.deepEqual(await nextReceipt(count + 1), {
      smscMessageId: '00B8BE19',
      state: 'expired',
      errorCode: '000',
    })
  })

  test('sends message_state and receipted_message_id when a state is given', async () => {
    const count = receipts.length + 1
    const body = { message_id: '12107289', state: 'UNDELIVERABLE', error_code: '34' }
    await call('POST', '/receipts', JSON.stringify(body))

    const receipt = await nextReceipt(count)
    assert.equal(receipt.smscMessageId, '12107289')
    assert.equal(receipt.state, 'undelivered')
    assert.equal(receipt.errorCode, '34')
  })

  test('pages through submits with since and limit, and counts them in stats', async () => {
    await call('POST', '/reset')
    for (const text of ['one', 'two', 'three', 'two']) await submit(text)

    const page = await call('GET', '/submitted?since=1&limit=2')
    const records = page.body as unknown as SubmittedRecord[]
    assert.deepEqual(
      records.map((r) => [r.index, r.text]),
      [
        [1, 'two'],
        [2, 'three'],
      ],
    )
    assert.match(records[0]!.smscMessageId, /^[0-9]+$/)
    const stats = (await call('GET', '/stats')).body
    assert.equal(stats?.['submits'], 4)
    assert.equal(stats?.['duplicates'], 1)
    assert.equal(stats?.['maxSegmentsPerSecond'], 4)
    assert.equal(stats?.['binds'], 1)
  })

  test('forgets submits and counters on reset', async () => {
    await submit('anything')
    assert.equal((await call('POST', '/reset')).status, 204)

    assert.deepEqual((await call('GET', '/submitted')).body, [])
    assert.equal((await call('GET', '/stats')).body?.['submits'], 0)
  })

  test('sends a receipt only when registered_delivery asks for one', async () => {
    await call('POST', '/reset')
    const count = receipts.length
    await submit('no receipt wanted')
    const outcome = await submit('receipt wanted', true)
    assert.equal(outcome.kind, 'accepted')

    const receipt = await nextReceipt(count + 1)
    await sleep(30)
    assert.equal(receipts.length, count + 1)
    assert.equal(receipt.smscMessageId, outcome.kind === 'accepted' ? outcome.smscMessageId : '')
    assert.equal((await call('GET', '/stats')).body?.['receiptsSent'], 1)
  })

  test('answers bad input with a problem document listing every field', async () => {
    const reply = await call('POST', '/inbound', JSON.stringify({ from: 7, text: '' }))

    assert.equal(reply.status, 400)
    assert.equal(reply.type, 'application/problem+json')
    assert.equal(reply.body?.['type'], 'about:blank')
    assert.equal(reply.body?.['title'], 'Bad Request')
    assert.equal(reply.body?.['status'], 400)
    assert.deepEqual(
      (reply.body?.['errors'] as { field: string }[]).map((e) => e.field),
      ['/from', '/to', '/text'],
    )
  })

  test('answers malformed JSON, unknown paths and wrong methods with problems', async () => {
    assert.equal((await call('POST', '/throttle', '{')).status, 400)
    assert.equal((await call('POST', '/throttle', '{"mode":"sometimes"}')).status, 400)
    assert.equal((await call('POST', '/receipts', '{"message_id":"1","state":"GONE"}')).status, 400)
    assert.equal((await call('GET', '/submitted?limit=0')).status, 400)
    assert.equal((await call('GET', '/nowhere')).status, 404)
    assert.equal((await call('DELETE', '/stats')).status, 405)
  })

  test('answers 409 to inbound texts while no client is bound', async () => {
    const lonely = await startSmscSimulator({ logger })
    try {
      const body = JSON.stringify({ from: '+447700900123', to: '+447700900999', text: 'HELP' })
      const response = await fetch(`http://127.0.0.1:${lonely.controlPort}/inbound`, {
        method: 'POST',
        body,
      })
      assert.equal(response.status, 409)
      assert.equal(((await response.json()) as { title: string }).title, 'Conflict')
    } finally {
      await lonely.close()
    }
  })
})
