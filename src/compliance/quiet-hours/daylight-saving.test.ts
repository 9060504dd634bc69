import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createQuietHours, type QuietHoursVerdict } from './index.js'

// Clock changes used below, from the published rules. New York: 2026-03-08 02:00 EST becomes
// 03:00 EDT (07:00 UTC); 2026-11-01 02:00 EDT becomes 01:00 EST (06:00 UTC). Sydney:
// 2026-04-05 03:00 AEDT becomes 02:00 AEST (16:00 UTC the day before); 2026-10-04 02:00 AEST
// becomes 03:00 AEDT (16:00 UTC the day before).
const quietHours = await createQuietHours()
const EIGHT_TO_NINE = { startMinute: 480, endMinute: 1260 }
const NEW_YORK = { phone: '+12125550123' }
const SYDNEY = { phone: '+61293744000' }
// Toronto keeps New York's clock changes but no country rule, so a store's early start shows.
const TORONTO = { phone: '+14165550123' }

const judgeAt = (
  place: { phone: string },
  text: string,
  policy = EIGHT_TO_NINE,
): QuietHoursVerdict => quietHours.judge(place, policy, Date.parse(text))
const releaseOf = (verdict: QuietHoursVerdict): string | null =>
  verdict.releaseAtMs === null ? null : new Date(verdict.releaseAtMs).toISOString()

describe('New York spring-forward night, 2026-03-08', () => {
  test('releases a message held the evening before at 08:00 daylight time', () => {
    const verdict = judgeAt(NEW_YORK, '2026-03-08T03:00:00Z')

    assert.deepEqual(verdict.localTimes, ['2026-03-07T22:00:00-05:00'])
    assert.equal(releaseOf(verdict), '2026-03-08T12:00:00.000Z')
  })

  test('releases a message held at 01:30 standard time at 08:00 daylight time', () => {
    const verdict = judgeAt(NEW_YORK, '2026-03-08T06:30:00Z')

    assert.deepEqual(verdict.localTimes, ['2026-03-08T01:30:00-05:00'])
    assert.equal(releaseOf(verdict), '2026-03-08T12:00:00.000Z')
  })

  test('releases a message held just after the jump at 08:00 daylight time', () => {
    const verdict = judgeAt(NEW_YORK, '2026-03-08T07:30:00Z')

    assert.deepEqual(verdict.localTimes, ['2026-03-08T03:30:00-04:00'])
    assert.equal(releaseOf(verdict), '2026-03-08T12:00:00.000Z')
  })

  test('opens a window that starts at a skipped 02:30 at the jump itself', () => {
    const fromHalfPastTwo = { startMinute: 150, endMinute: 1260 }
    const verdict = judgeAt(TORONTO, '2026-03-08T06:00:00Z', fromHalfPastTwo)

    assert.equal(releaseOf(verdict), '2026-03-08T07:00:00.000Z')
  })
})

describe('New York fall-back night, 2026-11-01', () => {
  test('releases a message held the evening before at 08:00 standard time', () => {
    const verdict = judgeAt(NEW_YORK, '2026-11-01T01:30:00Z')

    assert.deepEqual(verdict.localTimes, ['2026-10-31T21:30:00-04:00'])
    assert.equal(releaseOf(verdict), '2026-11-01T13:00:00.000Z')
  })

  test('releases a message held in either pass of 01:30 at 08:00 standard time', () => {
    const first = judgeAt(NEW_YORK, '2026-11-01T05:30:00Z')
    const second = judgeAt(NEW_YORK, '2026-11-01T06:30:00Z')

    assert.deepEqual(first.localTimes, ['2026-11-01T01:30:00-04:00'])
    assert.deepEqual(second.localTimes, ['2026-11-01T01:30:00-05:00'])
    assert.equal(releaseOf(first), '2026-11-01T13:00:00.000Z')
    assert.equal(releaseOf(second), '2026-11-01T13:00:00.000Z')
  })

  test('opens a window that starts at a repeated 01:30 at its first occurrence', () => {
    const fromHalfPastOne = { startMinute: 90, endMinute: 1260 }
    const held = judgeAt(TORONTO, '2026-11-01T05:00:00Z', fromHalfPastOne)
    const secondPass = judgeAt(TORONTO, '2026-11-01T06:15:00Z', fromHalfPastOne)

    assert.equal(releaseOf(held), '2026-11-01T05:30:00.000Z')
    assert.equal(secondPass.allowed, true)
  })

  test('closes at 21:00 standard time on the day the clocks went back', () => {
    assert.equal(judgeAt(NEW_YORK, '2026-11-02T01:59:00Z').allowed, true)
    assert.equal(judgeAt(NEW_YORK, '2026-11-02T02:00:00Z').allowed, false)
  })
})

describe('Sydney, where clocks go back in April and forward in October', () => {
  test('releases a message held at the first 02:30 of 2026-04-05 at 08:00 standard time', () => {
    const verdict = judgeAt(SYDNEY, '2026-04-04T15:30:00Z')

    assert.deepEqual(verdict.zones, ['Australia/Sydney'])
    assert.deepEqual(verdict.localTimes, ['2026-04-05T02:30:00+11:00'])
    assert.equal(releaseOf(verdict), '2026-04-04T22:00:00.000Z')
  })

  test('releases a message held on the Saturday evening before at 08:00 standard time', () => {
    const verdict = judgeAt(SYDNEY, '2026-04-04T10:30:00Z')

    assert.deepEqual(verdict.localTimes, ['2026-04-04T21:30:00+11:00'])
    assert.equal(releaseOf(verdict), '2026-04-04T22:00:00.000Z')
  })

  test('releases a message held at 01:30 on 2026-10-04 at 08:00 daylight time', () => {
    const verdict = judgeAt(SYDNEY, '2026-10-03T15:30:00Z')

    assert.deepEqual(verdict.localTimes, ['2026-10-04T01:30:00+10:00'])
    assert.equal(releaseOf(verdict), '2026-10-03T21:00:00.000Z')
  })

  test('opens a window that starts at a skipped 02:30 at the jump itself', () => {
    const fromHalfPastTwo = { startMinute: 150, endMinute: 1260 }
    const verdict = judgeAt(SYDNEY, '2026-10-03T15:30:00Z', fromHalfPastTwo)

    assert.equal(releaseOf(verdict), '2026-10-03T16:00:00.000Z')
  })
})
