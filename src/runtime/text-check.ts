/**
 * Where a parsed JSON value holds a NUL character, as a JSON pointer (`/items/0/title`), or
 * undefined when it holds none. Text with NUL cannot be stored by PostgreSQL and is never
 * meaningful in a message, a name or a setting, so requests carrying it are refused whole.
 */
export function findNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}/${i}`)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
      if (key.includes('\u0000')) return at
      const found = findNul(item, at)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** The problem reported for text holding a NUL character. */
export const NUL_PROBLEM = {
  code: 'TEXT_INVALID',
  message: 'contains a NUL character (U+0000), which text may not hold',
} as const
