import { DemoFailure } from './deadline.js'

/** The demo store's view of the Nudge API: JSON in and out, with its API key. */
export class StoreApi {
  readonly #apiUrl: string
  readonly #apiKey: string

  constructor(apiUrl: string, apiKey: string) {
    this.#apiUrl = apiUrl
    this.#apiKey = apiKey
  }

  get<T>(path: string): Promise<T> {
    return this.#call<T>('GET', path)
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>('PATCH', path, body)
  }

  /** A GET that may answer 404 (a route this build does not have): undefined then. */
  async getIfPresent<T>(path: string): Promise<T | undefined> {
    const res = await this.#send('GET', path)
    if (res.status === 404) return undefined
    return this.#read<T>('GET', path, res)
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.#read<T>(method, path, await this.#send(method, path, body))
  }

  #send(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.#apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.#apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    })
  }

  async #read<T>(method: string, path: string, res: Response): Promise<T> {
    const text = await res.text()
    if (res.status >= 300) {
      throw new DemoFailure(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`)
    }
    return JSON.parse(text) as T
  }
}
