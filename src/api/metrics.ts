import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { CarrierListener, RouteTable } from '../delivery/index.js'
import type { Db } from '../storage/index.js'

export interface MetricsSource {
  render(): Promise<{ contentType: string; body: string }>
}

export interface Metrics {
  readonly source: MetricsSource
  /** For the delivery worker: one call per segment submitted. */
  readonly observeSubmit: (latencySeconds: number, outcome: string) => void
}

export interface MetricsInputs {
  readonly db: Db
  /** Read at each scrape: an `api` process has no routes, a worker gets them at start. */
  readonly routes: () => RouteTable
  readonly listener?: () => CarrierListener | undefined
}

/**
 * Prometheus metrics. Counts that live in the database (queue depth, messages by status) and
 * bind state are read at scrape time; submit latency is observed as it happens.
 */
export function createMetrics(inputs: MetricsInputs): Metrics {
  const registry = new Registry()
  const { db, routes, listener } = inputs

  new Gauge({
    name: 'nudge_queue_depth',
    help: 'Outbound messages waiting or being sent, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('messages')
        .select(['status', db.fn.countAll<number>().as('count')])
        .where('status', 'in', ['queued', 'scheduled', 'sending'])
        .groupBy('status')
        .execute()
      for (const status of ['queued', 'scheduled', 'sending']) {
        this.set({ status }, Number(rows.find((r) => r.status === status)?.count ?? 0))
      }
    },
  })

  new Gauge({
    name: 'nudge_messages',
    help: 'Messages stored, by direction and status',
    labelNames: ['direction', 'status'],
    registers: [registry],
    async collect() {
      this.reset()
      const rows = await db
        .selectFrom('messages')
        .select(['direction', 'status', db.fn.countAll<number>().as('count')])
        .groupBy(['direction', 'status'])
        .execute()
      for (const r of rows) this.set({ direction: r.direction, status: r.status }, Number(r.count))
    },
  })

  new Gauge({
    name: 'nudge_gate_decisions',
    help: 'Compliance gate decisions recorded, by decision (allowed, held, suppressed) and reason',
    labelNames: ['decision', 'reason'],
    registers: [registry],
    async collect() {
      this.reset()
      const rows = await db
        .selectFrom('gate_decisions')
        .select(['decision', 'reason', db.fn.countAll<number>().as('count')])
        .groupBy(['decision', 'reason'])
        .execute()
      for (const r of rows) {
        this.set({ decision: r.decision, reason: r.reason ?? 'none' }, Number(r.count))
      }
    },
  })

  new Gauge({
    name: 'nudge_binds_up',
    help: 'SMPP binds currently established, by route',
    labelNames: ['route'],
    registers: [registry],
    collect() {
      for (const route of routes().all())
        this.set({ route: route.routeId }, route.carrier.bindsUp())
    },
  })

  new Gauge({
    name: 'nudge_receipts_applied',
    help: 'Delivery receipts matched to a segment since start',
    registers: [registry],
    collect() {
      this.set(listener?.()?.receiptsApplied ?? 0)
    },
  })

  const latency = new Histogram({
    name: 'nudge_submit_latency_seconds',
    help: 'Time from submit_sm sent to its response, per segment',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  const submits = new Counter({
    name: 'nudge_submits_total',
    help: 'Segments submitted, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  })

  return {
    source: {
      async render() {
        return { contentType: registry.contentType, body: await registry.metrics() }
      },
    },
    observeSubmit(latencySeconds, outcome) {
      latency.observe(latencySeconds)
      submits.inc({ outcome })
    },
  }
}
