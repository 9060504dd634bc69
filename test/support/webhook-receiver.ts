import { createServer, type Server } from 'node:http'
import { verifyWebhookSignature } from '../../src/webhooks/index.js'

export interface ReceivedWebhook {
  readonly eventType: string
  readonly signatureValid: boolean
  readonly body: {
    id: string
    type: string
    data: { id: string; status: string; [k: string]: unknown }
  }
}

/**
 * A store's webhook endpoint on 127.0.0.1 that checks each signature the way the README tells
 * stores to, and records what it got.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = []
  #server: Server | undefined
  #waiters: { test: (w: ReceivedWebhook) => boolean; resolve: (w: ReceivedWebhook) => void }[] = []
  /** Status codes to answer with, in order; 200 once they run out. */
  answers: number[] = []

  constructor(private readonly secret: () => string) {}

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8')
        const check = verifyWebhookSignature({
          secret: this.secret(),
          header: String(req.headers['nudge-signature'] ?? ''),
          rawBody,
          nowSeconds: Math.floor(Date.now() / 1000),
        })
        const webhook: ReceivedWebhook = {
          eventType: String(req.headers['nudge-event-type']),
          signatureValid: check.ok,
          body: JSON.parse(rawBody) as ReceivedWebhook['body'],
        }
        const status = this.answers.shift() ?? 200
        res.writeHead(status).end()
        if (status >= 300) return
        this.received.push(webhook)
        this.#waiters = this.#waiters.filter((w) =>
          w.test(webhook) ? (w.resolve(webhook), false) : true,
        )
      })
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    const address = this.#server.address()
    if (address === null || typeof address === 'string') throw new Error('no address')
    return `http://127.0.0.1:${address.port}/hooks`
  }

  /** Resolves with the first webhook (already received or coming) that passes `test`. */
  waitFor(test: (w: ReceivedWebhook) => boolean, timeoutMs = 10_000): Promise<ReceivedWebhook> {
    const seen = this.received.find(test)
    if (seen !== undefined) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('webhook did not arrive in time')), timeoutMs)
      this.#waiters.push({ test, resolve: (w) => (clearTimeout(timer), resolve(w)) })
    })
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.#server?.close(resolve))
  }
}
