import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createPublicHolidays } from './public-holidays.js'

const DAY_MS = 86_400_000
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS

describe('public holidays', () => {
  const holidays = createPublicHolidays()

  // The eleven French public holidays of 2026 (Code du travail, art. L3133-1), with Easter
  // on 04-05: Easter Monday 04-06, Ascension 05-14, Whit Monday 05-25.
  test('knows the French public holidays of 2026', () => {
    const french = [
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]
    for (const date of french) assert.equal(holidays.isPublicHoliday('FR', dayOf(date)), true, date)
  })

  test('leaves observances and ordinary days open', () => {
    for (const date of ['2026-05-24', '2026-05-31', '2026-07-13', '2026-12-24']) {
      assert.equal(holidays.isPublicHoliday('FR', dayOf(date)), false, date)
    }
  })

  test('counts the US substitute day for Independence Day', () => {
    // 2026-07-04 is a Saturday; the federal holiday is observed on Friday 07-03.
    assert.equal(holidays.isPublicHoliday('US', dayOf('2026-07-03')), true)
    assert.equal(holidays.isPublicHoliday('US', dayOf('2026-07-04')), true)
  })

  test('says no for a country without data', () => {
    assert.equal(holidays.knowsCountry('AQ'), false)
    assert.equal(holidays.isPublicHoliday('AQ', dayOf('2026-01-01')), false)
  })
})
