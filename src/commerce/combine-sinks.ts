import type { Trx } from '../storage/index.js'
import type { StoreEvent, StoreEventSink } from './store-event.js'

/** One sink that hands each event to every sink given, in order, in the same transaction. */
export function combineSinks(...sinks: readonly StoreEventSink[]): StoreEventSink {
  return {
    async handle(trx: Trx, event: StoreEvent, nowMs: number): Promise<void> {
      for (const sink of sinks) await sink.handle(trx, event, nowMs)
    },
  }
}
