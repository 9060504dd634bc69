import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ManualClock } from '../runtime/index.js'
import { SegmentRateLimiter } from './segment-rate-limiter.js'

/** Drives the limiter for `durationMs`, taking every token it offers, and records each take. */
function drive(limiter: SegmentRateLimiter, clock: ManualClock, durationMs: number): number[] {
  const takes: number[] = []
  const endMs = clock.now() + durationMs
  while (clock.now() < endMs) {
    const waitMs = limiter.tryTake()
    if (waitMs === 0) takes.push(clock.now())
    else clock.advance(Math.min(waitMs, 1))
  }
  return takes
}

function busiestSecond(takes: readonly number[]): number {
  let best = 0
  let start = 0
  for (let end = 0; end < takes.length; end++) {
    while (takes[end]! - takes[start]! >= 1000) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

describe('segment rate limiter', () => {
  it('never lets more than the limit through in any one-second window', () => {
    for (const limit of [1, 3, 10, 50, 500, 5000]) {
      const clock = new ManualClock()
      const takes = drive(new SegmentRateLimiter({ segmentsPerSecond: limit, clock }), clock, 5000)
      assert.ok(busiestSecond(takes) <= limit, `limit ${limit}: saw ${busiestSecond(takes)}`)
    }
  })

  it('uses at least nine tenths of the limit over a sustained run', () => {
    const clock = new ManualClock()
    const limit = 200
    const takes = drive(new SegmentRateLimiter({ segmentsPerSecond: limit, clock }), clock, 10_000)
    assert.ok(takes.length >= limit * 10 * 0.9, `took ${takes.length} in 10 s`)
  })

  it('sends nothing while paused after a throttle', () => {
    const clock = new ManualClock()
    const limiter = new SegmentRateLimiter({ segmentsPerSecond: 100, clock })
    limiter.pause(500)
    assert.equal(limiter.tryTake(), 500)
    clock.advance(499)
    assert.ok(limiter.tryTake() > 0)
    clock.advance(20)
    assert.equal(limiter.tryTake(), 0)
  })
})
