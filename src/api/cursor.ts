import { ValidationError } from '../runtime/index.js'

/** Opaque page cursors: callers pass back what they got and never build one. */
export function encodeCursor(value: string | number): string {
  return Buffer.from(JSON.stringify({ v: value })).toString('base64url')
}

export function decodeCursor(cursor: string, field = '/cursor'): string | number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown }
    if (typeof parsed.v === 'string' || typeof parsed.v === 'number') return parsed.v
  } catch {
    // falls through to the validation error below
  }
  throw new ValidationError([
    { field, code: 'CURSOR_INVALID', message: 'is not a cursor we issued' },
  ])
}
