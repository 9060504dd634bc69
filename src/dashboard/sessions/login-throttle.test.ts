import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ManualClock } from '../../runtime/index.js'
import { LoginThrottle } from './login-throttle.js'

describe('login throttle', () => {
  it('lets an address fail ten times in 15 minutes, then makes it wait for the oldest to age out', () => {
    const clock = new ManualClock()
    const throttle = new LoginThrottle({ clock })
    for (let i = 0; i < 10; i++) {
      assert.equal(throttle.retryAfterSeconds('203.0.113.7'), 0)
      throttle.recordFailure('203.0.113.7')
      clock.advance(60_000)
    }

    // The first failure was 10 minutes ago: it leaves the window in 5.
    assert.equal(throttle.retryAfterSeconds('203.0.113.7'), 300)
    assert.equal(throttle.retryAfterSeconds('198.51.100.4'), 0)
    clock.advance(300_000)
    assert.equal(throttle.retryAfterSeconds('203.0.113.7'), 0)
  })

  it('takes back the failure of a login that turned out right', () => {
    const clock = new ManualClock()
    const throttle = new LoginThrottle({ clock, maxFailures: 2 })
    throttle.recordFailure('203.0.113.7')
    const atMs = throttle.recordFailure('203.0.113.7')
    assert.ok(throttle.retryAfterSeconds('203.0.113.7') > 0)

    throttle.forgetFailure('203.0.113.7', atMs)

    assert.equal(throttle.retryAfterSeconds('203.0.113.7'), 0)
  })

  it('forgets the longest-quiet address when it remembers too many', () => {
    const clock = new ManualClock()
    const throttle = new LoginThrottle({ clock, maxFailures: 1, maxClients: 2 })
    throttle.recordFailure('a')
    throttle.recordFailure('b')
    throttle.recordFailure('a')

    throttle.recordFailure('c')

    assert.ok(throttle.retryAfterSeconds('a') > 0)
    assert.equal(throttle.retryAfterSeconds('b'), 0)
    assert.ok(throttle.retryAfterSeconds('c') > 0)
  })
})
