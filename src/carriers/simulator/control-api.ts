import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'

import { ValidationError, type FieldProblem } from '../../runtime/index.js'
import { MESSAGE_STATES, type MessageStateName } from './receipt-builder.js'
import type { SmscSimulator } from './smsc-simulator.js'
import type { ThrottleSetting } from './throttle-policy.js'

type ControlTarget = Pick<
  SmscSimulator,
  'submittedSince' | 'stats' | 'sendInbound' | 'sendReceipt' | 'throttle' | 'reset'
>

export interface ControlApiOptions {
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
  readonly simulator: ControlTarget
  /** Told about failures that are bugs, answered with a bare 500. */
  readonly onError: (err: unknown) => void
}

export interface ControlApi {
  readonly port: number
  close(): Promise<void>
}

const MAX_BODY_OCTETS = 64 * 1024
const DEFAULT_LIMIT = 1000
const MAX_LIMIT = 10_000
const MAX_INBOUND_CHARACTERS = 1600

type Reply = { status: number; body?: unknown }

/**
 * The simulator's HTTP control API, for tests and for people poking at it with curl:
 *
 * - `GET /submitted?since=0&limit=1000` — accepted submits, oldest first, each with `index`
 * - `GET /stats` — counters, including the most segments seen in one second
 * - `POST /inbound {from, to, text}` — a handset's text to a bound client (409 if none)
 * - `POST /receipts {message_id, text?, state?, error_code?}` — a receipt for any message id
 * - `POST /throttle {mode: 'off' | 'all' | 'rate', status?, segmentsPerSecond?}`
 * - `POST /reset` — forget submits and counters
 *
 * Errors are RFC 9457 problem documents.
 */
export async function startControlApi(options: ControlApiOptions): Promise<ControlApi> {
  const server = createServer((request, response) => {
    void route(request, options.simulator)
      .catch((err: unknown) => failure(err, options.onError))
      .then((reply) => send(response, reply))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })

  const address = server.address()
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function route(request: IncomingMessage, simulator: ControlTarget): Promise<Reply> {
  const url = new URL(request.url ?? '/', 'http://simulator')
  const method = request.method ?? 'GET'
  const handlers: Readonly<Record<string, () => Promise<Reply> | Reply>> = {
    'GET /submitted': () => submitted(url, simulator),
    'GET /stats': () => ({ status: 200, body: simulator.stats() }),
    'POST /inbound': async () => inbound(await readJson(request), simulator),
    'POST /receipts': async () => receipt(await readJson(request), simulator),
    'POST /throttle': async () => throttle(await readJson(request), simulator),
    'POST /reset': () => {
      simulator.reset()
      return { status: 204 }
    },
  }

  const handler = handlers[`${method} ${url.pathname}`]
  if (handler !== undefined) return handler()
  const isKnownPath = Object.keys(handlers).some((key) => key.endsWith(` ${url.pathname}`))
  return isKnownPath
    ? problem(405, `${method} is not allowed on ${url.pathname}`)
    : problem(404, `nothing at ${url.pathname}`)
}

function submitted(url: URL, simulator: ControlTarget): Reply {
  const problems: FieldProblem[] = []
  const since = integerParam(url, 'since', 0, Number.MAX_SAFE_INTEGER, problems) ?? 0
  const limit = integerParam(url, 'limit', 1, MAX_LIMIT, problems) ?? DEFAULT_LIMIT
  if (problems.length > 0) throw new ValidationError(problems)

  return { status: 200, body: simulator.submittedSince(since, limit) }
}

async function inbound(body: Record<string, unknown>, simulator: ControlTarget): Promise<Reply> {
  const problems: FieldProblem[] = []
  const from = stringField(body, 'from', { required: true, maxLength: 20 }, problems)
  const to = stringField(body, 'to', { required: true, maxLength: 20 }, problems)
  const text = stringField(
    body,
    'text',
    { required: true, maxLength: MAX_INBOUND_CHARACTERS },
    problems,
  )
  if (problems.length > 0 || from === undefined || to === undefined || text === undefined) {
    throw new ValidationError(problems)
  }

  const isSent = await simulator.sendInbound({ from, to, text })
  return isSent ? { status: 200, body: { sent: true } } : noReceiver()
}

function receipt(body: Record<string, unknown>, simulator: ControlTarget): Reply {
  const problems: FieldProblem[] = []
  const messageId = stringField(body, 'message_id', { required: true, maxLength: 64 }, problems)
  const text = stringField(body, 'text', { required: false, maxLength: 254 }, problems)
  const state = stringField(body, 'state', { required: false, maxLength: 20 }, problems)
  const errorCode = stringField(body, 'error_code', { required: false, maxLength: 10 }, problems)
  if (state !== undefined && !(state in MESSAGE_STATES)) {
    const names = Object.keys(MESSAGE_STATES).join(', ')
    problems.push({ field: '/state', code: 'INVALID', message: `must be one of ${names}` })
  }
  if (problems.length > 0 || messageId === undefined) throw new ValidationError(problems)

  const isSent = simulator.sendReceipt({
    messageId,
    text,
    state: state as MessageStateName | undefined,
    errorCode,
  })
  return isSent ? { status: 200, body: { sent: true } } : noReceiver()
}

function throttle(body: Record<string, unknown>, simulator: ControlTarget): Reply {
  const setting = throttleSetting(body)
  simulator.throttle(setting)
  return { status: 200, body: setting }
}

function throttleSetting(body: Record<string, unknown>): ThrottleSetting {
  const { mode, status, segmentsPerSecond } = body
  if (mode === 'off') return { mode }
  if (mode === 'all' && (status === 'ESME_RTHROTTLED' || status === 'ESME_RMSGQFUL')) {
    return { mode, status }
  }
  if (mode === 'all' && status === undefined) return { mode }
  if (mode === 'rate' && typeof segmentsPerSecond === 'number' && segmentsPerSecond >= 0) {
    return { mode, segmentsPerSecond }
  }

  throw new ValidationError([
    {
      field: '/mode',
      code: 'INVALID',
      message:
        "must be 'off', 'all' with an optional status ESME_RTHROTTLED or ESME_RMSGQFUL, " +
        "or 'rate' with segmentsPerSecond of 0 or more",
    },
  ])
}

function integerParam(
  url: URL,
  name: string,
  min: number,
  max: number,
  problems: FieldProblem[],
): number | undefined {
  const raw = url.searchParams.get(name)
  if (raw === null) return undefined
  const value = Number(raw)
  if (/^[0-9]+$/.test(raw) && value >= min && value <= max) return value

  problems.push({ field: `?${name}`, code: 'INVALID', message: `must be ${min} to ${max}` })
  return undefined
}

function stringField(
  body: Record<string, unknown>,
  name: string,
  rule: { required: boolean; maxLength: number },
  problems: FieldProblem[],
): string | undefined {
  const value = body[name]
  if (value === undefined && !rule.required) return undefined
  if (typeof value === 'string' && value.length > 0 && value.length <= rule.maxLength) return value

  const message = `must be a string of 1 to ${rule.maxLength} characters`
  problems.push({
    field: `/${name}`,
    code: value === undefined ? 'REQUIRED' : 'INVALID',
    message: value === undefined ? 'is required' : message,
  })
  return undefined
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_BODY_OCTETS) throw new BadBody(413, `body exceeds ${MAX_BODY_OCTETS} octets`)
    chunks.push(buffer)
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
  } catch {
    throw new BadBody(400, 'body is not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadBody(400, 'body must be a JSON object')
  }
  return parsed as Record<string, unknown>
}

class BadBody extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

function noReceiver(): Reply {
  return problem(409, 'no receiver or transceiver bind is up')
}

function failure(err: unknown, onError: (err: unknown) => void): Reply {
  if (err instanceof ValidationError) {
    return { status: 400, body: { ...problemBody(400, err.message), errors: err.problems } }
  }
  if (err instanceof BadBody) return problem(err.status, err.message)
  onError(err)
  return problem(500, 'the simulator failed to handle the request')
}

function problem(status: number, detail: string): Reply {
  return { status, body: problemBody(status, detail) }
}

function problemBody(status: number, detail: string): Record<string, unknown> {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail }
}

function send(response: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    response.writeHead(reply.status).end()
    return
  }
  const isProblem = reply.status >= 400
  response
    .writeHead(reply.status, {
      'content-type': isProblem ? 'application/problem+json' : 'application/json',
    })
    .end(JSON.stringify(reply.body))
}
