/**
 * Sent with the dashboard's page and bundle. The page loads only its own script and style
 * (no inline code, so injected markup cannot run), talks only to Nudge, cannot be framed
 * by another site, and sends no Referer that could carry a store's data elsewhere.
 */
export const DASHBOARD_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}
