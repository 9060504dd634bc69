/** One record of a CSV file and the line it starts on (the header is line 1). */
export interface CsvRecord {
  readonly line: number
  readonly fields: readonly string[]
}

export type CsvResult =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly message: string }

/**
 * Reads comma-separated values as RFC 4180 writes them: fields in double quotes may hold
 * commas, line breaks and doubled quotes; lines end in CRLF or LF. A leading byte order mark
 * and blank lines are skipped. Spreadsheet exports read as they are written.
 */
export function parseCsv(text: string): CsvResult {
  const records: CsvRecord[] = []
  const source = text.startsWith('\ufeff') ? text.slice(1) : text
  let line = 1
  let i = 0

  while (i < source.length) {
    const startLine = line
    const fields: string[] = []
    for (;;) {
      let field = ''
      if (source[i] === '"') {
        i++
        for (;;) {
          if (i >= source.length) {
            return { ok: false, line: startLine, message: 'a quoted field is never closed' }
          }
          const char = source[i]!
          if (char === '"' && source[i + 1] === '"') {
            field += '"'
            i += 2
          } else if (char === '"') {
            i++
            break
          } else {
            if (char === '\n') line++
            field += char
            i++
          }
        }
        const next = source[i]
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          return { ok: false, line, message: 'text follows a closing quote' }
        }
      } else {
        while (i < source.length && !',\r\n'.includes(source[i]!)) field += source[i++]
      }
      fields.push(field)
      if (source[i] === ',') {
        i++
        continue
      }
      break
    }
    if (source[i] === '\r') i++
    if (source[i] === '\n') i++
    line++
    if (!(fields.length === 1 && fields[0]!.trim() === '')) {
      records.push({ line: startLine, fields })
    }
  }
  return { ok: true, records }
}
