import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test, type TestContext } from 'node:test'
import { Agent } from 'undici'
import { postWebhook } from './post-webhook.js'
import { verifyWebhookSignature } from './webhook-signature.js'

const T = 1_767_225_600
const DELIVERY = {
  url: '',
  payload: '{"id":"evt_1","type":"message.status","data":{"body":"Café"}}',
  secret: 'whsec_test',
  eventId: 'evt_1',
  eventType: 'message.status',
}

interface Received {
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

/** A loopback endpoint; `answer` decides the response to each request. */
async function listen(
  t: TestContext,
  answer: (res: ServerResponse, received: Received) => void,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      received.push(request)
      answer(res, request)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hooks?token=abc`, received }
}

function newAgent(t: TestContext): Agent {
  const agent = new Agent()
  t.after(() => agent.destroy())
  return agent
}

test('posts the payload as is with the Nudge headers and a valid signature', async (t) => {
  const endpoint = await listen(t, (res) => res.writeHead(204).end())

  const result = await postWebhook({
    dispatcher: newAgent(t),
    delivery: { ...DELIVERY, url: endpoint.url },
    timestampSeconds: T,
    timeoutMs: 5_000,
  })

  assert.deepEqual(result, { ok: true, statusCode: 204 })
  const [request] = endpoint.received
  assert.ok(request !== undefined)
  assert.equal(request.body, DELIVERY.payload)
  assert.equal(request.headers['content-type'], 'application/json')
  assert.equal(request.headers['user-agent'], 'Nudge-Webhooks/1')
  assert.equal(request.headers['nudge-event-id'], 'evt_1')
  assert.equal(request.headers['nudge-event-type'], 'message.status')
  const check = verifyWebhookSignature({
    secret: DELIVERY.secret,
    header: request.headers['nudge-signature'] as string | undefined,
    rawBody: request.body,
    nowSeconds: T,
  })
  assert.deepEqual(check, { ok: true })
})

test('classifies a non-2xx answer as a retryable rejection', async (t) => {
  const endpoint = await listen(t, (res) => res.writeHead(503).end('busy'))

  const result = await postWebhook({
    dispatcher: newAgent(t),
    delivery: { ...DELIVERY, url: endpoint.url },
    timestampSeconds: T,
    timeoutMs: 5_000,
  })

  assert.ok(!result.ok)
  assert.equal(result.error.code, 'WEBHOOK_REJECTED')
  assert.equal(result.error.retryable, true)
  assert.equal(result.error.statusCode, 503)
  assert.equal(result.error.message, 'endpoint answered 503')
})

test('does not follow a redirect', async (t) => {
  const endpoint = await listen(t, (res) => res.writeHead(302, { location: '/elsewhere' }).end())

  const result = await postWebhook({
    dispatcher: newAgent(t),
    delivery: { ...DELIVERY, url: endpoint.url },
    timestampSeconds: T,
    timeoutMs: 5_000,
  })

  assert.ok(!result.ok)
  assert.equal(result.error.statusCode, 302)
  assert.equal(endpoint.received.length, 1)
})

test('classifies a refused connection as retryable, naming only the error code', async (t) => {
  const refusingUrl = await releasedPortUrl()

  const result = await postWebhook({
    dispatcher: newAgent(t),
    delivery: { ...DELIVERY, url: refusingUrl },
    timestampSeconds: T,
    timeoutMs: 5_000,
  })

  assert.ok(!result.ok)
  assert.equal(result.error.code, 'WEBHOOK_UNREACHABLE')
  assert.equal(result.error.retryable, true)
  assert.equal(result.error.statusCode, null)
  assert.equal(result.error.message, 'request failed: ECONNREFUSED')
})

test('classifies a missing answer as a retryable timeout', async (t) => {
  const endpoint = await listen(t, () => undefined)

  const result = await postWebhook({
    dispatcher: newAgent(t),
    delivery: { ...DELIVERY, url: endpoint.url },
    timestampSeconds: T,
    timeoutMs: 100,
  })

  assert.ok(!result.ok)
  assert.equal(result.error.code, 'WEBHOOK_TIMED_OUT')
  assert.equal(result.error.retryable, true)
  assert.equal(result.error.message, 'no answer within 100 ms')
})

test('classifies an attempt cut short by its signal as retryable', async (t) => {
  const endpoint = await listen(t, () => undefined)
  const controller = new AbortController()

  const pending = postWebhook({
    dispatcher: newAgent(t),
    delivery: { ...DELIVERY, url: endpoint.url },
    timestampSeconds: T,
    timeoutMs: 5_000,
    signal: controller.signal,
  })
  controller.abort()
  const result = await pending

  assert.ok(!result.ok)
  assert.equal(result.error.code, 'WEBHOOK_ABORTED')
  assert.equal(result.error.retryable, true)
})

test('refuses a URL that is not absolute http(s) without sending anything', async (t) => {
  const agent = newAgent(t)

  for (const url of ['ftp://127.0.0.1/hooks', '/hooks', 'not a url']) {
    const result = await postWebhook({
      dispatcher: agent,
      delivery: { ...DELIVERY, url },
      timestampSeconds: T,
      timeoutMs: 5_000,
    })
    assert.ok(!result.ok)
    assert.equal(result.error.code, 'WEBHOOK_URL_INVALID')
    assert.equal(result.error.retryable, false)
  }
})

/** A loopback URL whose port was just released, so connecting to it is refused. */
async function releasedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/hooks`
}
