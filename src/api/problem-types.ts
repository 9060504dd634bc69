/** How one error code is shown over HTTP (RFC 9457 problem details). */
export interface ProblemType {
  readonly status: number
  readonly title: string
  /** What the caller can do about it; served at the problem's `type` URI. */
  readonly description: string
}

/**
 * Every error code the API can answer with. The `type` of a problem is `/problems/<code in
 * kebab case>`, which stays the same across releases so clients can branch on it.
 */
export const PROBLEM_TYPES: Readonly<Record<string, ProblemType>> = {
  VALIDATION_FAILED: {
    status: 422,
    title: 'The request has invalid fields',
    description: 'Every invalid field is listed in `errors`, each with a code and a message.',
  },
  MALFORMED_REQUEST: {
    status: 400,
    title: 'The request could not be read',
    description: 'The body is not valid JSON, or a header or parameter cannot be parsed.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'The body must be JSON',
    description: 'Send `Content-Type: application/json`.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'The body is too large',
    description: 'Request bodies are limited to 1 MiB.',
  },
  UNAUTHORIZED: {
    status: 401,
    title: 'Missing or invalid API key',
    description:
      'Send `Authorization: Bearer <API key>` with a key that has not been rotated out, or ' +
      'log in to the dashboard and send its session cookie.',
  },
  SESSION_REQUIRED: {
    status: 401,
    title: 'No dashboard session',
    description:
      'The `nudge_session` cookie names no open session: it ended after 12 hours unused or ' +
      '7 days in all, by logging out, or when the store’s dashboard password or API key ' +
      'changed. Log in again with `POST /dashboard/session`.',
  },
  LOGIN_FAILED: {
    status: 401,
    title: 'The login was refused',
    description:
      'Log in with `{"api_key": …}` or `{"store_id": …, "password": …}`. The answer is the ' +
      'same whichever part was wrong. A store has a dashboard password only once one was ' +
      'set with `nudge stores create … --dashboard-password` or `nudge stores password`.',
  },
  LOGIN_THROTTLED: {
    status: 429,
    title: 'Too many failed logins',
    description:
      'Ten logins failed from this address within 15 minutes. Wait the seconds given in ' +
      '`Retry-After`, then try again.',
  },
  CSRF_FAILED: {
    status: 403,
    title: 'The request was not made by the dashboard',
    description:
      'A POST, PUT, PATCH or DELETE authenticated by the session cookie must carry the ' +
      'session’s `csrf_token` in `X-CSRF-Token`, and an `Origin` header, when sent, must be ' +
      'Nudge’s own. Nothing was changed. Programs should use `Authorization: Bearer`.',
  },
  DASHBOARD_NOT_BUILT: {
    status: 503,
    title: 'The dashboard is not built',
    description:
      'This installation has no `dist/public` with the dashboard’s page and bundle. Run ' +
      '`npm run build` in Nudge’s folder, then reload.',
  },
  NOT_FOUND: {
    status: 404,
    title: 'Not found',
    description: 'No such resource exists for this store.',
  },
  SAMPLE_UNAVAILABLE: {
    status: 409,
    title: 'The sample event cannot be sent',
    description:
      'A Shopify store needs its platform secret to sign the sample; a sample order needs a ' +
      'sample checkout from the same number first. The detail says which.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    title: 'Idempotency-Key reused with a different request',
    description:
      'A key identifies one request for 24 hours. Retry with the same body, or use a new key.',
  },
  WEBHOOK_ALREADY_DELIVERED: {
    status: 409,
    title: 'This webhook delivery was already delivered',
    description: 'Only failed or pending deliveries can be replayed.',
  },
  CONTACT_IMPORT_INVALID: {
    status: 422,
    title: 'The contact import has invalid rows',
    description:
      'Every bad field of every bad row is listed in `errors` as `/lines/<line>/<column>` ' +
      '(the header is line 1). Nothing was imported: fix the file and send all of it again.',
  },
  CSV_REQUIRED: {
    status: 415,
    title: 'The body must be CSV',
    description: 'Send the file with `Content-Type: text/csv` and a header line.',
  },
  RECIPIENT_OPTED_OUT: {
    status: 409,
    title: 'The recipient opted out of every message',
    description:
      'Nothing, not even a double opt-in request, goes to a number that texted STOP. The ' +
      'recipient must text START first.',
  },
  TEMPLATE_INVALID: {
    status: 422,
    title: 'The template has problems',
    description:
      'Every problem is listed in `errors` with its `code` (`SYNTAX`, `UNKNOWN_VARIABLE`, ' +
      '`UNKNOWN_FILTER`), `line` and `column`. Liquid reports only the first syntax error.',
  },
  TEMPLATE_RENDER_FAILED: {
    status: 422,
    title: 'The template could not be rendered',
    description:
      'Rendering hit a limit (100 ms, or too much text or too many list elements created) ' +
      'or a filter failed, such as `divided_by: 0`. Simplify the template.',
  },
  WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    title: 'The webhook signature does not match',
    description:
      'Store webhooks are signed by the platform with the store’s `platform_secret` (base64 ' +
      'HMAC-SHA256 of the raw body). Set the secret the platform shows on the store, and send ' +
      'the body exactly as signed. Nothing was recorded.',
  },
  WEBHOOK_PAYLOAD_INVALID: {
    status: 422,
    title: 'The webhook payload cannot be used',
    description:
      'The payload lacks what its topic needs, or has it in the wrong form; each bad field is ' +
      'listed in `errors` by its path in the payload. Nothing was recorded.',
  },
  INTERNAL: {
    status: 500,
    title: 'Internal error',
    description: 'Something went wrong on our side; the error was logged. Retrying is safe.',
  },
}

export function problemTypeUri(code: string): string {
  return `/problems/${code.toLowerCase().replaceAll('_', '-')}`
}
