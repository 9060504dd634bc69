import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ScaledClock } from './scaled-clock.js'

test('a scaled clock runs with real time, fast up to a target, then with real time again', () => {
  let real = 1000
  const clock = new ScaledClock(Date.UTC(2026, 10, 28, 1, 16), () => real)
  const start = clock.now()
  real += 500
  assert.equal(clock.now(), start + 500)

  clock.fastForward(start + 500 + 30 * 60_000, 600)
  real += 1500
  assert.equal(clock.now(), start + 500 + 900_000, 'half the way in 1.5 s')
  real += 1500
  assert.equal(clock.now(), start + 500 + 1_800_000, 'at the target')
  real += 250
  assert.equal(clock.now(), start + 500 + 1_800_000 + 250, 'real speed past it')

  clock.fastForward(clock.now() - 60_000, 600)
  real += 10
  assert.equal(clock.now(), start + 500 + 1_800_000 + 260, 'a target behind never turns it back')
  assert.throws(() => clock.fastForward(clock.now() + 1, 0.5), RangeError)
})
