import type { Clock, FieldProblem, Logger } from '../runtime/index.js'
import type { Db, GroupCommit } from '../storage/index.js'
import { WebhookConfigError } from './errors.js'
import type { RetrySchedule } from './retry-schedule.js'

export interface WebhookDispatcherOptions {
  readonly db: Db
  /** Outcomes are written through it, so many attempts share one commit. */
  readonly groupCommit: GroupCommit
  /** Source of every stored time and of signing timestamps; poll timers run on real time. */
  readonly clock: Clock
  readonly logger: Logger
  readonly schedule: RetrySchedule
  /** Most attempts out at once, across all stores. Default 32. */
  readonly concurrency?: number
  /** Longest one attempt may take, connecting included, in ms. Default 10000. */
  readonly requestTimeoutMs?: number
  /** Wait between looks for due deliveries when not woken, in ms. Default 250. */
  readonly pollIntervalMs?: number
  /** Most deliveries claimed per look. Default: `concurrency`. */
  readonly batchSize?: number
  /**
   * How long a claimed delivery stays hidden from later looks, in ms; it must cover the
   * request and the commit of its outcome. Default: `requestTimeoutMs` + 30000.
   */
  readonly leaseMs?: number
  /**
   * How long `stop()` lets attempts finish before cutting them short, in ms. Default:
   * `requestTimeoutMs`.
   */
  readonly stopTimeoutMs?: number
}

/** The options with every default filled in. */
export type DispatcherSettings = Required<
  Pick<
    WebhookDispatcherOptions,
    | 'concurrency'
    | 'requestTimeoutMs'
    | 'pollIntervalMs'
    | 'batchSize'
    | 'leaseMs'
    | 'stopTimeoutMs'
  >
>

/** Fills in defaults and checks the numbers, listing every problem at once. */
export function resolveDispatcherSettings(options: WebhookDispatcherOptions): DispatcherSettings {
  const concurrency = options.concurrency ?? 32
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000
  const settings: DispatcherSettings = {
    concurrency,
    requestTimeoutMs,
    pollIntervalMs: options.pollIntervalMs ?? 250,
    batchSize: options.batchSize ?? concurrency,
    leaseMs: options.leaseMs ?? requestTimeoutMs + 30_000,
    stopTimeoutMs: options.stopTimeoutMs ?? requestTimeoutMs,
  }

  const problems: FieldProblem[] = []
  // Only given values are checked: a default derived from an invalid option would repeat
  // that option's problem under another name.
  const wholeAtLeast = (field: keyof DispatcherSettings, min: number): void => {
    const value = options[field]
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) {
      const message = `${field} must be a whole number of at least ${min}`
      problems.push({ field, code: 'OUT_OF_RANGE', message })
    }
  }
  wholeAtLeast('concurrency', 1)
  wholeAtLeast('requestTimeoutMs', 1)
  wholeAtLeast('pollIntervalMs', 1)
  wholeAtLeast('batchSize', 1)
  wholeAtLeast('leaseMs', settings.requestTimeoutMs + 1)
  wholeAtLeast('stopTimeoutMs', 0)
  if (problems.length > 0) throw new WebhookConfigError(problems)

  return settings
}
