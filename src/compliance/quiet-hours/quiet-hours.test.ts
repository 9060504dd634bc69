import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { createQuietHours, type QuietHoursVerdict } from './index.js'

const quietHours = await createQuietHours()
const directory = mkdtempSync(join(tmpdir(), 'nudge-quiet-hours-'))
after(() => rmSync(directory, { recursive: true, force: true }))
const EIGHT_TO_NINE = { startMinute: 480, endMinute: 1260 }
const NEW_YORK = { phone: '+12125550123' }

const at = (text: string): number => Date.parse(text)
const releaseOf = (verdict: QuietHoursVerdict): string | null =>
  verdict.releaseAtMs === null ? null : new Date(verdict.releaseAtMs).toISOString()

describe('store hours in New York (UTC-5 in January)', () => {
  test('allows a message due at 20:59 local', () => {
    const verdict = quietHours.judge(NEW_YORK, EIGHT_TO_NINE, at('2026-01-06T01:59:00Z'))

    assert.deepEqual(verdict, {
      allowed: true,
      releaseAtMs: null,
      zones: ['America/New_York'],
      zoneSource: 'phone_number',
      localTimes: ['2026-01-05T20:59:00-05:00'],
      rule: 'allowed',
    })
  })

  test('holds a message due at 21:01 local until 08:00 the next morning', () => {
    const verdict = quietHours.judge(NEW_YORK, EIGHT_TO_NINE, at('2026-01-06T02:01:00Z'))

    assert.equal(verdict.allowed, false)
    assert.equal(releaseOf(verdict), '2026-01-06T13:00:00.000Z')
    assert.equal(verdict.rule, 'store_hours')
    assert.deepEqual(verdict.localTimes, ['2026-01-05T21:01:00-05:00'])
  })

  test('treats the end minute as closed and the start minute as open', () => {
    assert.equal(
      quietHours.judge(NEW_YORK, EIGHT_TO_NINE, at('2026-01-06T02:00:00Z')).allowed,
      false,
    )
    assert.equal(
      quietHours.judge(NEW_YORK, EIGHT_TO_NINE, at('2026-01-06T13:00:00Z')).allowed,
      true,
    )
  })

  test('holds a message due before the window until it opens the same morning', () => {
    const verdict = quietHours.judge(NEW_YORK, EIGHT_TO_NINE, at('2026-01-06T11:15:00Z'))

    assert.equal(releaseOf(verdict), '2026-01-06T13:00:00.000Z')
  })

  test('names the country rule when the store allows a time the country does not', () => {
    const lateStore = { startMinute: 480, endMinute: 1320 }
    const verdict = quietHours.judge(NEW_YORK, lateStore, at('2026-01-06T02:30:00Z'))

    // 21:30 local: inside the store's 08:00-22:00, outside the US 08:00-21:00.
    assert.equal(verdict.rule, 'country:US:hours')
    assert.equal(releaseOf(verdict), '2026-01-06T13:00:00.000Z')
  })

  test('allows every minute with a policy of the whole day outside rule countries', () => {
    const allDay = { startMinute: 0, endMinute: 1440 }
    const verdict = quietHours.judge({ phone: '+4930901820' }, allDay, at('2026-01-06T02:30:00Z'))

    assert.equal(verdict.allowed, true)
    assert.deepEqual(verdict.zones, ['Europe/Berlin'])
  })
})

describe('verdicts without a release', () => {
  test('gives zone_unknown when nothing places the recipient', () => {
    const verdict = quietHours.judge(
      { phone: 'not a number' },
      EIGHT_TO_NINE,
      at('2026-01-06T12:00:00Z'),
    )

    assert.deepEqual(verdict, {
      allowed: false,
      releaseAtMs: null,
      zones: [],
      zoneSource: 'phone_number',
      localTimes: [],
      rule: 'zone_unknown',
    })
  })

  test('gives no_window when no day in the horizon is allowed', async () => {
    const file = join(directory, 'closed.json')
    const everyDay = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
    const hours = { start: '08:00', end: '20:00' }
    writeFileSync(
      file,
      JSON.stringify({ countries: { FR: { hours, forbiddenWeekdays: everyDay } } }),
    )
    const closed = await createQuietHours({ countryRulesFile: file })

    const verdict = closed.judge(
      { phone: '+33612345678' },
      EIGHT_TO_NINE,
      at('2026-03-10T10:00:00Z'),
    )

    assert.equal(verdict.allowed, false)
    assert.equal(verdict.releaseAtMs, null)
    assert.equal(verdict.rule, 'no_window')
  })
})

describe('arguments', () => {
  test('rejects a policy that is empty, reversed or outside the day', () => {
    const instant = at('2026-01-06T12:00:00Z')
    for (const policy of [
      { startMinute: 600, endMinute: 600 },
      { startMinute: 1260, endMinute: 480 },
      { startMinute: -1, endMinute: 480 },
      { startMinute: 0, endMinute: 1441 },
      { startMinute: 480.5, endMinute: 1260 },
    ]) {
      assert.throws(() => quietHours.judge(NEW_YORK, policy, instant), RangeError)
    }
  })

  test('rejects an instant that is not a number of milliseconds', () => {
    assert.throws(() => quietHours.judge(NEW_YORK, EIGHT_TO_NINE, Number.NaN), RangeError)
  })
})
