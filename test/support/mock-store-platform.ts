import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface PlatformRequest {
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body: unknown
}

export interface PlatformAnswer {
  readonly status: number
  readonly body?: unknown
}

/**
 * A store platform's admin API on 127.0.0.1 (Shopify or WooCommerce, as the answers say):
 * every request is recorded with its parsed JSON body, and `answer` decides each reply.
 */
export class MockStorePlatform {
  readonly requests: PlatformRequest[] = []
  answer: (request: PlatformRequest) => PlatformAnswer | Promise<PlatformAnswer> = () => ({
    status: 404,
  })
  #server: Server | undefined

  /** Starts listening and returns the base URL, e.g. `http://127.0.0.1:40123`. */
  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        const request: PlatformRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
        }
        this.requests.push(request)
        void Promise.resolve(this.answer(request)).then((answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json' })
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body))
        })
      })
    })
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve))
    const { port } = this.#server.address() as AddressInfo
    return `http://127.0.0.1:${port}`
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server?.closeAllConnections()
      this.#server?.close(() => resolve())
    })
  }
}

/**
 * Answers as Shopify's Admin REST API does when a price rule and its code are created
 * (shapes from the PriceRule and DiscountCode references, version 2024-10), numbering rules
 * from 507328175.
 */
export function shopifyAnswers(): (request: PlatformRequest) => PlatformAnswer {
  let nextRuleId = 507328175
  return (request) => {
    if (request.path === '/admin/api/2024-10/price_rules.json') {
      const rule = (request.body as { price_rule: Record<string, unknown> }).price_rule
      return { status: 201, body: { price_rule: { id: nextRuleId++, ...rule } } }
    }
    const codes = /^\/admin\/api\/2024-10\/price_rules\/(\d+)\/discount_codes\.json$/.exec(
      request.path,
    )
    if (codes !== null) {
      const { code } = (request.body as { discount_code: { code: string } }).discount_code
      const body = { discount_code: { id: 1054381139, price_rule_id: Number(codes[1]), code } }
      return { status: 201, body }
    }
    return { status: 404, body: { errors: 'Not Found' } }
  }
}
