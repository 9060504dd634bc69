import assert from 'node:assert/strict'
import { test } from 'node:test'

import { PeakRateMeter } from './peak-rate-meter.js'
import { ThrottlePolicy } from './throttle-policy.js'

test('refuses every submit with the chosen status in all mode', () => {
  const policy = new ThrottlePolicy()
  assert.equal(policy.admit(0), 0)

  policy.set({ mode: 'all' }, 0)
  assert.equal(policy.admit(1), 0x58)
  policy.set({ mode: 'all', status: 'ESME_RMSGQFUL' }, 0)
  assert.equal(policy.admit(1), 0x14)
  policy.set({ mode: 'off' }, 0)
  assert.equal(policy.admit(1), 0)
})

test('accepts a sender pacing at the rate and refuses the excess of a burst', () => {
  const policy = new ThrottlePolicy()
  policy.set({ mode: 'rate', segmentsPerSecond: 10 }, 0)

  const burst = Array.from({ length: 12 }, () => policy.admit(0))
  assert.deepEqual(burst.filter((status) => status === 0x58).length, 2)
  const paced = Array.from({ length: 30 }, (_, i) => policy.admit(1000 + i * 100))
  assert.ok(paced.every((status) => status === 0))
})

test('measures the most events within any one second, not per calendar second', () => {
  const meter = new PeakRateMeter()
  // Five events straddling a second boundary: no calendar second holds more than three.
  for (const ms of [700, 800, 900, 1100, 1200, 2300]) meter.record(ms)

  assert.equal(meter.peakPerSecond, 5)
  meter.reset()
  assert.equal(meter.peakPerSecond, 0)
})
