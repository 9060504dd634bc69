import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'

import type { InboundText } from '../carrier.js'
import { InboundAssembler, type InboundPart } from './inbound-assembler.js'

function assembler(timeoutMs = 60_000, maxPending = 10) {
  const emitted: InboundText[] = []
  const instance = new InboundAssembler({
    timeoutMs,
    maxPending,
    emit: async (t) => {
      emitted.push(t)
    },
  })
  return { instance, emitted }
}

function part(text: string, seq: number, total = 3, reference = 9): InboundPart {
  return {
    sender: '+447700900123',
    recipient: '+447700900999',
    text,
    concat: { reference, total, seq },
  }
}

test('passes a single-part text straight on', () => {
  const { instance, emitted } = assembler()
  instance.add({ sender: '+1555', recipient: '+1666', text: 'STOP' })
  assert.deepEqual(emitted, [{ sender: '+1555', recipient: '+1666', text: 'STOP' }])
})

test('joins parts that arrive out of order once the last one is in', () => {
  const { instance, emitted } = assembler()
  instance.add(part('c', 3))
  instance.add(part('a', 1))
  assert.equal(emitted.length, 0)
  instance.add(part('b', 2))
  assert.deepEqual(emitted, [{ sender: '+447700900123', recipient: '+447700900999', text: 'abc' }])
})

test('keeps texts with different references apart', () => {
  const { instance, emitted } = assembler()
  instance.add(part('x1', 1, 2, 1))
  instance.add(part('y1', 1, 2, 2))
  instance.add(part('y2', 2, 2, 2))
  instance.add(part('x2', 2, 2, 1))
  assert.deepEqual(
    emitted.map((t) => t.text),
    ['y1y2', 'x1x2'],
  )
})

test('passes on what arrived when the rest does not come in time', async () => {
  const { instance, emitted } = assembler(20)
  instance.add(part('STOP ', 1))
  instance.add(part('now', 3))
  await sleep(60)
  assert.deepEqual(
    emitted.map((t) => t.text),
    ['STOP now'],
  )
})

test('passes on the oldest incomplete text when too many wait', () => {
  const { instance, emitted } = assembler(60_000, 1)
  instance.add(part('first', 1, 2, 1))
  instance.add(part('second', 1, 2, 2))
  assert.deepEqual(
    emitted.map((t) => t.text),
    ['first'],
  )
  instance.close()
  assert.deepEqual(
    emitted.map((t) => t.text),
    ['first', 'second'],
  )
})
