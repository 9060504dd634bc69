import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseCsv } from './csv.js'

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks (RFC 4180 §2)', () => {
    const result = parseCsv(
      '\ufeffphone,evidence\r\n+1,"Yes, ""offers""\nplease"\r\n\r\n+2,plain\n',
    )

    assert.deepEqual(result, {
      ok: true,
      records: [
        { line: 1, fields: ['phone', 'evidence'] },
        { line: 2, fields: ['+1', 'Yes, "offers"\nplease'] },
        { line: 5, fields: ['+2', 'plain'] },
      ],
    })
  })

  it('keeps empty fields and a last line without a line break', () => {
    assert.deepEqual(parseCsv('a,,c'), { ok: true, records: [{ line: 1, fields: ['a', '', 'c'] }] })
  })

  it('names the line of a quote that is never closed or text after a closing quote', () => {
    assert.deepEqual(parseCsv('a\n"open,b\n'), {
      ok: false,
      line: 2,
      message: 'a quoted field is never closed',
    })
    assert.deepEqual(parseCsv('a\n"x"y,b\n'), {
      ok: false,
      line: 2,
      message: 'text follows a closing quote',
    })
  })
})
