import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { civilDate, createZoneClock } from './zone-clock.js'

const HOUR_MS = 3_600_000

/** A local wall time written as if it were UTC, the form `instantOfLocal` takes. */
const wall = (text: string): number => Date.parse(`${text}Z`)
const iso = (ms: number): string => new Date(ms).toISOString()

// Expected instants follow the published rules: the US changes clocks at 02:00 local on the
// second Sunday of March and the first Sunday of November (2026-03-08, 2026-11-01); New South
// Wales at 03:00 daylight time on the first Sunday of April and 02:00 standard time on the
// first Sunday of October (2026-04-05, 2026-10-04); Lord Howe Island moves by 30 minutes.
describe('New York wall clock', () => {
  const clock = createZoneClock('America/New_York')

  test('reads -5 hours until the spring jump at 07:00 UTC and -4 hours from it', () => {
    assert.equal(clock.offsetMsAt(Date.parse('2026-03-08T06:59:59Z')), -5 * HOUR_MS)
    assert.equal(clock.offsetMsAt(Date.parse('2026-03-08T07:00:00Z')), -4 * HOUR_MS)
  })

  test('maps a local time skipped in spring to the instant of the jump', () => {
    assert.equal(iso(clock.instantOfLocal(wall('2026-03-08T02:30:00'))), '2026-03-08T07:00:00.000Z')
  })

  test('maps local times either side of the spring gap to their own offsets', () => {
    assert.equal(iso(clock.instantOfLocal(wall('2026-03-08T01:59:00'))), '2026-03-08T06:59:00.000Z')
    assert.equal(iso(clock.instantOfLocal(wall('2026-03-08T03:00:00'))), '2026-03-08T07:00:00.000Z')
    assert.equal(iso(clock.instantOfLocal(wall('2026-03-08T08:00:00'))), '2026-03-08T12:00:00.000Z')
  })

  test('maps a local time repeated in autumn to its first occurrence', () => {
    assert.equal(iso(clock.instantOfLocal(wall('2026-11-01T01:30:00'))), '2026-11-01T05:30:00.000Z')
  })

  test('maps the first local time after the repeated hour to standard time', () => {
    assert.equal(iso(clock.instantOfLocal(wall('2026-11-01T02:00:00'))), '2026-11-01T07:00:00.000Z')
    assert.equal(iso(clock.instantOfLocal(wall('2026-11-01T08:00:00'))), '2026-11-01T13:00:00.000Z')
  })

  test('writes both passes through the repeated hour with their own offsets', () => {
    assert.equal(clock.formatLocal(Date.parse('2026-11-01T05:30:00Z')), '2026-11-01T01:30:00-04:00')
    assert.equal(clock.formatLocal(Date.parse('2026-11-01T06:30:00Z')), '2026-11-01T01:30:00-05:00')
  })
})

describe('Sydney wall clock', () => {
  const clock = createZoneClock('Australia/Sydney')

  test('maps the repeated 02:30 of April to its daylight-time occurrence', () => {
    assert.equal(iso(clock.instantOfLocal(wall('2026-04-05T02:30:00'))), '2026-04-04T15:30:00.000Z')
    assert.equal(clock.formatLocal(Date.parse('2026-04-04T16:30:00Z')), '2026-04-05T02:30:00+10:00')
  })

  test('maps the skipped 02:30 of October to the jump at 16:00 UTC', () => {
    assert.equal(iso(clock.instantOfLocal(wall('2026-10-04T02:30:00'))), '2026-10-03T16:00:00.000Z')
    assert.equal(clock.formatLocal(Date.parse('2026-10-03T16:00:00Z')), '2026-10-04T03:00:00+11:00')
  })
})

describe('zones with offsets in minutes', () => {
  test('maps the 30-minute spring gap of Lord Howe Island to its jump', () => {
    const clock = createZoneClock('Australia/Lord_Howe')

    // 02:00 at +10:30 is 15:30 UTC; clocks then read 02:30 at +11:00.
    assert.equal(iso(clock.instantOfLocal(wall('2026-10-04T02:15:00'))), '2026-10-03T15:30:00.000Z')
    assert.equal(clock.formatLocal(Date.parse('2026-10-03T15:30:00Z')), '2026-10-04T02:30:00+11:00')
  })

  test('writes offsets of Newfoundland and Nepal with their minutes', () => {
    const instant = Date.parse('2026-01-06T12:00:00Z')

    assert.equal(
      createZoneClock('America/St_Johns').formatLocal(instant),
      '2026-01-06T08:30:00-03:30',
    )
    assert.equal(
      createZoneClock('Asia/Kathmandu').formatLocal(instant),
      '2026-01-06T17:45:00+05:45',
    )
    assert.equal(createZoneClock('UTC').formatLocal(instant), '2026-01-06T12:00:00+00:00')
  })
})

describe('calendar dates of day counts', () => {
  // 1970 to 1999 hold 30 × 365 days plus 7 leap days (1972 … 1996): 2000-01-01 is day 10957.
  test('turns day counts into dates across leap days and before 1970', () => {
    assert.deepEqual(civilDate(0), { year: 1970, month: 1, dayOfMonth: 1 })
    assert.deepEqual(civilDate(-1), { year: 1969, month: 12, dayOfMonth: 31 })
    assert.deepEqual(civilDate(10_957), { year: 2000, month: 1, dayOfMonth: 1 })
    assert.deepEqual(civilDate(11_016), { year: 2000, month: 2, dayOfMonth: 29 })
    assert.deepEqual(civilDate(11_017), { year: 2000, month: 3, dayOfMonth: 1 })
  })
})
