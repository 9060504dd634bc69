/** A carrier as Nudge uses it: every option resolved, secrets read. */
export interface CarrierConfig {
  readonly id: string
  readonly host: string
  readonly port: number
  /** Connect with TLS instead of plain TCP. Default false. */
  readonly tls: boolean
  readonly systemId: string
  readonly password: string
  /** SMPP system_type sent at bind; often empty. Default ''. */
  readonly systemType: string
  /** Only transceiver binds are supported: one session sends and receives. */
  readonly bindMode: 'transceiver'
  /** Parallel binds (SMPP sessions) kept up. Default 1. */
  readonly binds: number
  /** Outstanding submit_sm per bind awaiting a response. Default 10. */
  readonly window: number
  /** Route limit across all binds, in segments per second. Default 50. */
  readonly segmentsPerSecond: number
  /** Seconds between enquire_link probes on an idle bind. Default 30. */
  readonly enquireLinkSeconds: number
  /** Send GSM-7 as packed septets instead of one septet per octet. Default false. */
  readonly packedGsm7: boolean
  readonly destinations: readonly CarrierDestination[]
}

export interface CarrierDestination {
  /** E.164 prefix with `+`; absent when `country` is used. */
  readonly prefix?: string
  /** ISO 3166-1 alpha-2 country; absent when `prefix` is used. */
  readonly country?: string
  /** Lower wins. Default 100. */
  readonly priority: number
}

/** Everything a Nudge process needs, resolved once at start and frozen. */
export interface Config {
  readonly server: { readonly host: string; readonly port: number }
  /** SQLite file path (or `:memory:`), or a `postgres://` URL. */
  readonly database: string
  /**
   * What this process does: `api` answers HTTP, `worker` sends and dispatches webhooks, `all`
   * both. Roles other than `all` run beside other processes on PostgreSQL.
   */
  readonly role: 'api' | 'worker' | 'all'
  readonly logLevel: string
  /** Configured carriers; empty means the built-in SMSC simulator is the route. */
  readonly carriers: readonly CarrierConfig[]
  readonly simulator: {
    /** Delay before the simulator sends a delivery receipt, in ms. Default 200. */
    readonly receiptDelayMs: number
    /** The simulator route's limit in segments per second. Default 500. */
    readonly segmentsPerSecond: number
    /** Outstanding submits on the simulator route. Default 50. */
    readonly window: number
  }
  readonly messages: {
    /** Longest accepted body, in segments. Default 10. */
    readonly maxSegments: number
    /** Price table file; the shipped `config/prices.json` when absent. */
    readonly pricesFile: string | undefined
  }
  readonly webhooks: {
    readonly initialDelaySeconds: number
    readonly multiplier: number
    readonly maxDelaySeconds: number
    /** Retrying stops after this long and the delivery is dead-lettered. Default 86400. */
    readonly giveUpAfterSeconds: number
    readonly requestTimeoutMs: number
    readonly concurrency: number
  }
  readonly compliance: {
    /**
     * Key of the keyed hashes (HMAC-SHA256) that replace erased numbers and bodies, at least
     * 32 characters: env `NUDGE_ERASURE_KEY`, or `compliance.erasureKey` in the file (a string
     * or `{ "env": NAME }`). When absent, a random key is generated once and kept in
     * {@link erasureKeyFile}.
     */
    readonly erasureKey: string | undefined
    /**
     * Where a generated erasure key is kept. Default: the database path with `.erasure-key`
     * appended; none for an in-memory database, whose key lives as long as the process.
     */
    readonly erasureKeyFile: string | undefined
    /** Country rules for quiet hours; the shipped `config/quiet-hours.json` when absent. */
    readonly quietHoursRulesFile: string | undefined
  }
  /** Where the config file was read from, for the start-up log. */
  readonly source: string | undefined
}
