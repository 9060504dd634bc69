/**
 * A store's public base URL as links are built on it: http(s), no query or fragment, no
 * trailing slash. Undefined when the text cannot be one.
 */
export function publicBaseUrlOf(text: string): string | undefined {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return undefined
  }
  const isUsable =
    (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === ''
  return isUsable ? url.toString().replace(/\/+$/, '') : undefined
}
