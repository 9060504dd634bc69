import { request, type Dispatcher } from 'undici'
import { WebhookAttemptError } from './errors.js'
import { signWebhook } from './webhook-signature.js'
import type { AttemptResult, ClaimedDelivery } from './webhook-store.js'

export const WEBHOOK_USER_AGENT = 'Nudge-Webhooks/1'

/** Most of an answer's body read and thrown away so its connection can be reused. */
const MAX_DRAINED_BYTES = 64 * 1024

export interface PostWebhookInput {
  /** The shared keep-alive pool (an undici `Agent`). */
  readonly dispatcher: Dispatcher
  readonly delivery: Pick<ClaimedDelivery, 'url' | 'payload' | 'secret' | 'eventId' | 'eventType'>
  /** Signing time, in seconds since the Unix epoch. */
  readonly timestampSeconds: number
  /** Longest the whole attempt may take, connection included. */
  readonly timeoutMs: number
  /** Cuts the attempt short, for a dispatcher that is stopping. */
  readonly signal?: AbortSignal
}

/**
 * Makes one signed POST and classifies what happened. It never throws for a network or HTTP
 * failure: those come back as a {@link WebhookAttemptError} saying whether a retry can help.
 * Any 2xx counts as delivered. Redirects are not followed, as a redirect answer is not an
 * acknowledgement, so a 3xx is retried like any other non-2xx status.
 */
export async function postWebhook(input: PostWebhookInput): Promise<AttemptResult> {
  const { delivery } = input
  const url = parseEndpoint(delivery.url)
  if (url === undefined) {
    const error = new WebhookAttemptError('WEBHOOK_URL_INVALID', 'url is not absolute http(s)', {
      retryable: false,
    })
    return { ok: false, error }
  }

  const timeout = AbortSignal.timeout(input.timeoutMs)
  const signal = input.signal === undefined ? timeout : AbortSignal.any([timeout, input.signal])
  const headers = {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'nudge-event-id': delivery.eventId,
    'nudge-event-type': delivery.eventType,
    'nudge-signature': signWebhook({
      secret: delivery.secret,
      timestampSeconds: input.timestampSeconds,
      rawBody: delivery.payload,
    }),
  }

  let statusCode: number
  try {
    const response = await request(url, {
      dispatcher: input.dispatcher,
      method: 'POST',
      headers,
      body: delivery.payload,
      signal,
    })
    statusCode = response.statusCode
    // The answer's body means nothing to us; a failure while draining it only costs the
    // connection, not the attempt, which the status already decided.
    await response.body.dump({ limit: MAX_DRAINED_BYTES, signal }).catch(() => undefined)
  } catch (err) {
    return { ok: false, error: classifyTransportError({ err, timeout, input }) }
  }

  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode }
  const error = new WebhookAttemptError('WEBHOOK_REJECTED', `endpoint answered ${statusCode}`, {
    retryable: true,
    statusCode,
  })
  return { ok: false, error }
}

function parseEndpoint(value: string): URL | undefined {
  if (!URL.canParse(value)) return undefined
  const url = new URL(value)
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
}

/** A system or undici error code such as `ECONNREFUSED` or `UND_ERR_SOCKET`. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{1,40}$/

/**
 * Every transport failure is worth retrying: endpoints restart, DNS recovers, deploys end.
 * Only the error code goes into the message, never the undici text, which can hold the host
 * and port.
 */
function classifyTransportError(failure: {
  readonly err: unknown
  readonly timeout: AbortSignal
  readonly input: PostWebhookInput
}): WebhookAttemptError {
  const { err, timeout, input } = failure
  if (timeout.aborted) {
    const message = `no answer within ${input.timeoutMs} ms`
    return new WebhookAttemptError('WEBHOOK_TIMED_OUT', message, { retryable: true, cause: err })
  }
  if (input.signal?.aborted === true) {
    const message = 'request cut short by shutdown'
    return new WebhookAttemptError('WEBHOOK_ABORTED', message, { retryable: true, cause: err })
  }

  const code = err instanceof Error && 'code' in err ? String(err.code) : ''
  const message = `request failed: ${ERROR_CODE.test(code) ? code : 'unknown'}`
  return new WebhookAttemptError('WEBHOOK_UNREACHABLE', message, { retryable: true, cause: err })
}
