import type { Logger } from '../runtime/index.js'
import type { Store } from './store.js'
import type { StoreRegistry } from './store-registry.js'

/**
 * An in-memory copy of every store's routing settings, for code that runs inside a database
 * transaction and must not query on its own (the webhook target of a status change, the
 * store an inbound reply belongs to). Refreshed on a timer and whenever settings change here.
 */
export class StoreDirectory {
  readonly #registry: StoreRegistry
  readonly #logger: Logger
  #byId = new Map<string, Store>()
  #timer: NodeJS.Timeout | undefined

  constructor(options: { registry: StoreRegistry; logger: Logger }) {
    this.#registry = options.registry
    this.#logger = options.logger
  }

  async refresh(): Promise<void> {
    const stores = await this.#registry.list()
    this.#byId = new Map(stores.map((s) => [s.id, s]))
  }

  /** Refreshes every `intervalMs` until {@link stop}. */
  async start(intervalMs = 5000): Promise<void> {
    await this.refresh()
    this.#timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.#logger.warn({ err }, 'store refresh failed'))
    }, intervalMs)
    this.#timer.unref()
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  /** The store with this id as last read, or undefined when it is not known yet. */
  storeOf(storeId: string): Store | undefined {
    return this.#byId.get(storeId)
  }

  /** The URL a status change of this store's message goes to, if any. */
  webhookUrlOf(storeId: string, statusCallback: string | null): string | null {
    return statusCallback ?? this.#byId.get(storeId)?.webhookUrl ?? null
  }

  /** Stores whose default sender is this number or sender ID. */
  storesSendingAs(address: string): Store[] {
    const digits = address.replace(/^\+/, '')
    return [...this.#byId.values()].filter(
      (s) => s.defaultSender !== null && s.defaultSender.replace(/^\+/, '') === digits,
    )
  }
}
