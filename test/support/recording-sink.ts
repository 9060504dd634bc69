import type { StoreEvent, StoreEventSink } from '../../src/commerce/index.js'
import type { Trx } from '../../src/storage/index.js'

/** A store event sink that keeps what it was handed, and can be told to fail. */
export class RecordingSink implements StoreEventSink {
  readonly events: StoreEvent[] = []
  /** Thrown from `handle` while set, as a bug in the flows would be. */
  failure: Error | undefined
  /** Runs inside the recording transaction, to look at what it holds. */
  inspect: ((trx: Trx, event: StoreEvent) => Promise<void>) | undefined

  async handle(trx: Trx, event: StoreEvent): Promise<void> {
    if (this.failure !== undefined) throw this.failure
    await this.inspect?.(trx, event)
    this.events.push(event)
  }

  clear(): void {
    this.events.length = 0
  }
}
