import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { createQuietHours, QuietHoursRulesError, type QuietHoursVerdict } from './index.js'

// French calendar of 2026: 03-08 is a Sunday, 03-10 a Tuesday, 03-14 a Saturday; 05-25
// (Whit Monday), 07-14 (a Tuesday) and 12-25 (a Friday) are public holidays. Paris is UTC+1
// until 2026-03-29 and from 2026-10-25, UTC+2 in between.
const quietHours = await createQuietHours()
const directory = mkdtempSync(join(tmpdir(), 'nudge-country-rules-'))
after(() => rmSync(directory, { recursive: true, force: true }))

const EIGHT_TO_NINE = { startMinute: 480, endMinute: 1260 }
const PARIS = { phone: '+33612345678' }

const judgeAt = (place: { phone: string }, text: string): QuietHoursVerdict =>
  quietHours.judge(place, EIGHT_TO_NINE, Date.parse(text))
const releaseOf = (verdict: QuietHoursVerdict): string | null =>
  verdict.releaseAtMs === null ? null : new Date(verdict.releaseAtMs).toISOString()

function writeRules(name: string, content: string): string {
  const file = join(directory, name)
  writeFileSync(file, content)
  return file
}

describe('French rules from the shipped file', () => {
  test('holds a Sunday message until Monday 08:00 in Paris', () => {
    const verdict = judgeAt(PARIS, '2026-03-08T13:00:00Z')

    assert.equal(verdict.rule, 'country:FR:sunday')
    assert.deepEqual(verdict.localTimes, ['2026-03-08T14:00:00+01:00'])
    assert.equal(releaseOf(verdict), '2026-03-09T07:00:00.000Z')
  })

  test('holds a message on Bastille Day until 08:00 the next day', () => {
    const verdict = judgeAt(PARIS, '2026-07-14T10:00:00Z')

    assert.equal(verdict.rule, 'country:FR:holiday')
    assert.equal(releaseOf(verdict), '2026-07-15T06:00:00.000Z')
  })

  test('holds a Christmas message until the Saturday window opens at 10:00', () => {
    const verdict = judgeAt(PARIS, '2026-12-25T10:00:00Z')

    assert.equal(verdict.rule, 'country:FR:holiday')
    assert.equal(releaseOf(verdict), '2026-12-26T09:00:00.000Z')
  })

  test('holds a message over Whit Sunday and Whit Monday until Tuesday 08:00', () => {
    const verdict = judgeAt(PARIS, '2026-05-24T09:00:00Z')

    assert.equal(verdict.rule, 'country:FR:sunday')
    assert.equal(releaseOf(verdict), '2026-05-26T06:00:00.000Z')
  })

  test('allows a weekday message until 20:00 and holds one at 20:00', () => {
    const before = judgeAt(PARIS, '2026-03-10T18:59:00Z')
    const atEight = judgeAt(PARIS, '2026-03-10T19:00:00Z')

    assert.equal(before.allowed, true)
    assert.equal(atEight.rule, 'country:FR:hours')
    assert.equal(releaseOf(atEight), '2026-03-11T07:00:00.000Z')
  })

  test('holds a Saturday evening message past Sunday until Monday 08:00', () => {
    const verdict = judgeAt(PARIS, '2026-03-14T18:00:00Z')

    assert.equal(verdict.rule, 'country:FR:hours')
    assert.equal(releaseOf(verdict), '2026-03-16T07:00:00.000Z')
  })

  test('applies the rules of the shipping country to a foreign number', () => {
    const place = { phone: '+12125550123', shippingAddress: { countryCode: 'FR' } }
    const verdict = quietHours.judge(place, EIGHT_TO_NINE, Date.parse('2026-03-08T13:00:00Z'))

    assert.deepEqual(verdict.zones, ['Europe/Paris'])
    assert.equal(verdict.rule, 'country:FR:sunday')
  })

  test('reads the French rules on the clock of a French number living abroad', () => {
    const place = { phone: '+33612345678', explicitZone: 'America/New_York' }
    // Sunday 2026-03-08 at 12:00 in New York, Sunday evening in Paris.
    const verdict = quietHours.judge(place, EIGHT_TO_NINE, Date.parse('2026-03-08T16:00:00Z'))

    assert.equal(verdict.rule, 'country:FR:sunday')
    assert.equal(releaseOf(verdict), '2026-03-09T12:00:00.000Z')
  })
})

describe('operator rules files', () => {
  test('uses the hours of a file that allows Saturday mornings', async () => {
    const file = writeRules(
      'saturday.json',
      JSON.stringify({
        countries: {
          FR: {
            hours: { start: '08:00', end: '20:00' },
            forbiddenWeekdays: ['sunday'],
            forbiddenOnPublicHolidays: true,
          },
        },
      }),
    )
    const custom = await createQuietHours({ countryRulesFile: file })

    const verdict = custom.judge(PARIS, EIGHT_TO_NINE, Date.parse('2026-12-25T10:00:00Z'))

    assert.equal(releaseOf(verdict), '2026-12-26T07:00:00.000Z')
  })

  test('lists every problem of a bad file at once', async () => {
    const file = writeRules(
      'bad.json',
      JSON.stringify({
        countries: {
          fr: { hours: { start: '08:00', end: '20:00' } },
          FR: {
            hours: { start: '8am', end: '20:00' },
            weekdayHours: { sunday: { start: '10:00', end: '12:00' } },
            forbiddenWeekdays: ['sunday', 'sundays'],
            colour: 'blue',
          },
          US: { hours: { start: '21:00', end: '08:00' } },
          AQ: { hours: { start: '08:00', end: '24:00' }, forbiddenOnPublicHolidays: true },
        },
      }),
    )

    const error = await createQuietHours({ countryRulesFile: file }).then(
      () => assert.fail('a bad file was accepted'),
      (caught: unknown) => caught,
    )

    assert.ok(error instanceof QuietHoursRulesError)
    assert.equal(error.code, 'QUIET_HOURS_RULES_INVALID')
    assert.deepEqual([...error.problems].sort(), [
      'countries.AQ.forbiddenOnPublicHolidays: no public holiday data for AQ',
      'countries.FR.colour: is not a known field',
      'countries.FR.forbiddenWeekdays.1: must be one of "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"',
      'countries.FR.hours.start: "8am" is not a time of day such as "08:00" (00:00 to 24:00)',
      'countries.FR.weekdayHours.sunday: sunday is also a forbidden weekday',
      'countries.US.hours: start must be earlier than end (windows across midnight are not supported)',
      'countries.fr: "fr" is not a two-letter upper-case country code like "FR"',
    ])
  })

  test('reports a file that is not JSON', async () => {
    const file = writeRules('broken.json', '{ "countries": ')

    await assert.rejects(createQuietHours({ countryRulesFile: file }), (error: unknown) => {
      assert.ok(error instanceof QuietHoursRulesError)
      assert.equal(error.problems.length, 1)
      assert.match(error.problems[0] ?? '', /^the file is not valid JSON/)
      return true
    })
  })

  test('reports a file that cannot be read', async () => {
    await assert.rejects(
      createQuietHours({ countryRulesFile: join(directory, 'missing.json') }),
      (error: unknown) =>
        error instanceof QuietHoursRulesError &&
        error.problems.join() === 'the file cannot be read',
    )
  })

  test('reports a file without countries', async () => {
    const file = writeRules('empty.json', '{}')

    await assert.rejects(
      createQuietHours({ countryRulesFile: file }),
      (error: unknown) =>
        error instanceof QuietHoursRulesError && error.problems.join() === 'countries: is required',
    )
  })
})
