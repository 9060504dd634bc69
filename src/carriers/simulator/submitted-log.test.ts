import assert from 'node:assert/strict'
import { test } from 'node:test'

import { SubmittedLog, type StoredSubmit } from './submitted-log.js'

function record(n: number): StoredSubmit {
  return {
    receivedAtMs: 1_700_000_000_000 + n,
    smscMessageId: n.toString(16),
    sender: 'Nudge',
    recipient: `4477009${String(n).padStart(5, '0')}`,
    dataCoding: n % 2 === 0 ? 0 : 8,
    esmClass: 0x40,
    registeredDelivery: 1,
    shortMessage: Buffer.from(`050003${(n % 256).toString(16).padStart(2, '0')}0201`, 'hex'),
  }
}

test('returns records exactly as appended, numbered from 0', () => {
  const log = new SubmittedLog(1000)
  for (let n = 0; n < 5; n++) assert.equal(log.append(record(n)), n)

  assert.deepEqual(
    log.read(0, 10).map(({ index, record }) => ({ index, record })),
    [0, 1, 2, 3, 4].map((n) => ({ index: n, record: record(n) })),
  )
  assert.deepEqual(
    log.read(3, 1).map((r) => r.index),
    [3],
  )
  assert.deepEqual(log.read(9, 10), [])
})

test('keeps records across chunk boundaries', () => {
  const log = new SubmittedLog(100_000)
  for (let n = 0; n < 10_000; n++) log.append(record(n))

  assert.deepEqual(
    log.read(4094, 4).map((r) => r.record),
    [4094, 4095, 4096, 4097].map(record),
  )
  assert.deepEqual(log.read(9_999, 5)[0]?.record, record(9_999))
})

test('drops the oldest records once more than maxRecords are kept', () => {
  const log = new SubmittedLog(4096)
  for (let n = 0; n < 4096 * 3 + 10; n++) log.append(record(n))

  assert.equal(log.firstIndex, 4096 * 2)
  assert.equal(log.nextIndex, 4096 * 3 + 10)
  assert.equal(log.read(0, 1)[0]?.index, 4096 * 2)
})

test('starts numbering again after clear', () => {
  const log = new SubmittedLog(1000)
  log.append(record(1))
  log.clear()

  assert.deepEqual(log.read(0, 10), [])
  assert.equal(log.append(record(2)), 0)
})
