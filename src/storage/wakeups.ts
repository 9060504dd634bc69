import pg from 'pg'

/** Kinds of work one process can tell the others about. */
export type WakeTopic = 'queue' | 'webhooks'

/**
 * Tells the processes sharing a database that new work is waiting, so they look at once
 * instead of at their next poll. A wake-up is only a hint: every consumer still polls, so a
 * lost one costs latency, never work.
 */
export interface Wakeups {
  /** Wakes every subscriber of `topic`, in this process and the others. */
  signal(topic: WakeTopic): void
  subscribe(topic: WakeTopic, onWake: () => void): void
  close(): Promise<void>
}

/** One process alone on its database: a wake-up is a function call. */
export class LocalWakeups implements Wakeups {
  readonly #subscribers = new Map<WakeTopic, (() => void)[]>()

  signal(topic: WakeTopic): void {
    for (const onWake of this.#subscribers.get(topic) ?? []) onWake()
  }

  subscribe(topic: WakeTopic, onWake: () => void): void {
    this.#subscribers.set(topic, [...(this.#subscribers.get(topic) ?? []), onWake])
  }

  async close(): Promise<void> {
    this.#subscribers.clear()
  }
}

const RECONNECT_MS = 1000

/**
 * Wake-ups across processes through PostgreSQL's LISTEN/NOTIFY. Signals are coalesced: while
 * one NOTIFY is on its way, further signals of the topic make one more, not one each. The
 * listening connection is opened on the first subscription and reopened if it drops.
 */
export class PostgresWakeups implements Wakeups {
  readonly #pool: pg.Pool
  readonly #connection: pg.ClientConfig
  /** Channels are per schema: installations sharing a database do not wake each other. */
  readonly #prefix: string
  readonly #local = new LocalWakeups()
  readonly #subscribed = new Set<WakeTopic>()
  readonly #sending = new Map<WakeTopic, 'sending' | 'again'>()
  #listener: pg.Client | undefined
  #reconnect: NodeJS.Timeout | undefined
  #isClosed = false

  constructor(options: { pool: pg.Pool; connection: pg.ClientConfig; schema: string | null }) {
    this.#pool = options.pool
    this.#connection = options.connection
    this.#prefix = `nudge_${options.schema ?? 'public'}_`
  }

  signal(topic: WakeTopic): void {
    this.#local.signal(topic)
    if (this.#sending.has(topic)) {
      this.#sending.set(topic, 'again')
      return
    }
    this.#sending.set(topic, 'sending')
    void this.#notify(topic)
  }

  subscribe(topic: WakeTopic, onWake: () => void): void {
    this.#local.subscribe(topic, onWake)
    this.#subscribed.add(topic)
    if (this.#listener === undefined) this.#listen()
    else void this.#listener.query(`listen ${this.#prefix}${topic}`).catch(() => undefined)
  }

  async close(): Promise<void> {
    this.#isClosed = true
    clearTimeout(this.#reconnect)
    await this.#local.close()
    await this.#listener?.end().catch(() => undefined)
  }

  async #notify(topic: WakeTopic): Promise<void> {
    try {
      await this.#pool.query('select pg_notify($1, $2)', [`${this.#prefix}${topic}`, ''])
    } catch {
      // A hint only: the subscribers' polling finds the work anyway.
    }
    // Signals that came meanwhile make one more NOTIFY; this process's own subscribers
    // were already woken by them.
    if (this.#sending.get(topic) === 'again' && !this.#isClosed) {
      this.#sending.set(topic, 'sending')
      void this.#notify(topic)
    } else {
      this.#sending.delete(topic)
    }
  }

  #listen(): void {
    if (this.#isClosed) return
    const client = new pg.Client(this.#connection)
    this.#listener = client
    const retry = (): void => {
      if (this.#listener !== client || this.#isClosed) return
      this.#listener = undefined
      void client.end().catch(() => undefined)
      this.#reconnect = setTimeout(() => this.#listen(), RECONNECT_MS)
      this.#reconnect.unref()
    }
    client.on('error', retry)
    client.on('end', retry)
    client.on('notification', (message) => {
      const topic = message.channel.slice(this.#prefix.length) as WakeTopic
      if (message.channel.startsWith(this.#prefix)) this.#local.signal(topic)
    })
    client
      .connect()
      .then(async () => {
        for (const topic of this.#subscribed) await client.query(`listen ${this.#prefix}${topic}`)
      })
      .catch(retry)
  }
}
