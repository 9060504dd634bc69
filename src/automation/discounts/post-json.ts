import { request, type Dispatcher } from 'undici'
import { DiscountCreationError } from './errors.js'

/** Longest answer read from a platform; its JSON is small. */
const MAX_ANSWER_BYTES = 256 * 1024

export interface PlatformAnswer {
  readonly statusCode: number
  /** The parsed JSON answer, or undefined when it was not JSON. */
  readonly body: unknown
}

/**
 * POSTs JSON to a store's platform and reads the JSON answer. A transport failure (no
 * answer, timeout) throws a retryable {@link DiscountCreationError}; any answer, whatever its
 * status, is returned for the caller to judge. Redirects are not followed.
 */
export async function postJson(args: {
  readonly dispatcher: Dispatcher
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly timeoutMs: number
}): Promise<PlatformAnswer> {
  const timeout = AbortSignal.timeout(args.timeoutMs)
  try {
    const response = await request(args.url, {
      dispatcher: args.dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...args.headers },
      body: JSON.stringify(args.body),
      signal: timeout,
    })
    const text = await readLimited(response.body)
    return { statusCode: response.statusCode, body: parseJson(text) }
  } catch (err) {
    if (timeout.aborted) {
      throw new DiscountCreationError(
        'DISCOUNT_TIMED_OUT',
        `no answer within ${args.timeoutMs} ms`,
        { retryable: true, cause: err },
      )
    }
    // Only the error code goes into the message: undici's text can hold the host and port.
    const code = err instanceof Error && 'code' in err ? String(err.code) : ''
    const message = `request failed: ${/^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : 'unknown'}`
    throw new DiscountCreationError('DISCOUNT_UNREACHABLE', message, {
      retryable: true,
      cause: err,
    })
  }
}

/** A failed answer: retrying helps after a 5xx, a 429 or a 408, not after other refusals. */
export function rejected(what: string, statusCode: number): DiscountCreationError {
  const retryable = statusCode >= 500 || statusCode === 429 || statusCode === 408
  return new DiscountCreationError(
    'DISCOUNT_REJECTED',
    `${what}: the platform answered ${statusCode}`,
    {
      retryable,
      statusCode,
    },
  )
}

async function readLimited(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > MAX_ANSWER_BYTES) break
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
