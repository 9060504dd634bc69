import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { formatMicros, loadPriceTable, PriceTableError } from './price-table.js'

const directory = mkdtempSync(join(tmpdir(), 'nudge-prices-'))
after(() => rmSync(directory, { recursive: true, force: true }))

function writePriceFile(name: string, content: string): string {
  const file = join(directory, name)
  writeFileSync(file, content)
  return file
}

describe('shipped price table', () => {
  test('prices 3 segments to the US at 3 × 7900 micros', () => {
    assert.deepEqual(loadPriceTable().priceFor('US', 3), { amountMicros: 23_700, currency: 'USD' })
  })

  test('uses the default price for a country it does not list', () => {
    const table = loadPriceTable()

    assert.equal(table.priceFor('AQ', 1).amountMicros, 50_000)
    assert.equal(table.priceFor(undefined, 2).amountMicros, 100_000)
  })

  test('charges nothing for zero segments', () => {
    assert.equal(loadPriceTable().priceFor('GB', 0).amountMicros, 0)
  })

  test('rejects a segment count that is not a whole number', () => {
    assert.throws(() => loadPriceTable().priceFor('GB', 1.5), RangeError)
  })
})

describe('operator price files', () => {
  // 0.0079 × 1e6 as floating point is 7900.000000000001; reading the digits avoids that.
  test('converts decimal strings to micros exactly', () => {
    const file = writePriceFile(
      'exact.json',
      '{ "currency": "EUR", "default": "12.345678", "countries": { "FR": "0.0079", "DE": "0.000001" } }',
    )
    const table = loadPriceTable(file)

    assert.deepEqual(table.priceFor('FR', 1), { amountMicros: 7900, currency: 'EUR' })
    assert.equal(table.priceFor('DE', 7).amountMicros, 7)
    assert.equal(table.priceFor('IT', 1).amountMicros, 12_345_678)
  })

  test('lists every problem of a bad file at once', () => {
    const file = writePriceFile(
      'bad.json',
      JSON.stringify({
        currency: 'usd',
        default: 0.05,
        countries: { usa: '0.01', FR: '-0.02', DE: '0.1234567' },
        note: 'list prices',
      }),
    )

    assert.throws(
      () => loadPriceTable(file),
      (error: unknown) => {
        assert.ok(error instanceof PriceTableError)
        assert.equal(error.code, 'PRICE_TABLE_INVALID')
        assert.deepEqual(error.problems, [
          'unknown field "note"',
          'currency must be three upper-case letters, like "USD"',
          'default must be a decimal string such as "0.0079"',
          'countries: "usa" is not a two-letter upper-case country code',
          'countries.FR: "-0.02" is not a non-negative decimal such as "0.0079"',
          'countries.DE: "0.1234567" has more than 6 decimal places',
        ])
        return true
      },
    )
  })

  test('reports a file that is not JSON', () => {
    const file = writePriceFile('broken.json', '{ "currency": "USD", ')

    assert.throws(() => loadPriceTable(file), {
      name: 'PriceTableError',
      problems: ['the file is not valid JSON'],
    })
  })

  test('reports a file that cannot be read', () => {
    assert.throws(() => loadPriceTable(join(directory, 'missing.json')), {
      name: 'PriceTableError',
      problems: ['the file cannot be read'],
    })
  })

  test('reports a file that holds no object', () => {
    const file = writePriceFile('array.json', '[]')

    assert.throws(() => loadPriceTable(file), { problems: ['the file must hold a JSON object'] })
  })
})

describe('formatMicros', () => {
  test('shows four decimal places for whole hundredths of a cent', () => {
    assert.equal(formatMicros(15_800), '0.0158')
    assert.equal(formatMicros(1_230_000), '1.2300')
    assert.equal(formatMicros(0), '0.0000')
  })

  test('shows more places only when the amount needs them', () => {
    assert.equal(formatMicros(1), '0.000001')
    assert.equal(formatMicros(123_456_789), '123.456789')
    assert.equal(formatMicros(12_345_670), '12.34567')
  })

  test('keeps the sign of a negative amount', () => {
    assert.equal(formatMicros(-500), '-0.0005')
  })
})
