import type { InboundText } from '../carrier.js'
import type { ConcatInfo } from './short-message.js'

/** One deliver_sm worth of an inbound text. */
export interface InboundPart extends InboundText {
  readonly concat?: ConcatInfo
}

export interface InboundAssemblerOptions {
  /** How long to wait for the missing parts of a text before passing on what arrived. */
  readonly timeoutMs: number
  /** Texts waiting for parts at once; beyond this the oldest is passed on incomplete. */
  readonly maxPending: number
  /** Stores a whole text; settles once it is stored. */
  readonly emit: (text: InboundText) => Promise<void>
}

interface PendingText {
  readonly first: InboundPart
  readonly total: number
  readonly parts: Map<number, string>
  readonly timer: NodeJS.Timeout
}

/**
 * Joins the parts of a concatenated inbound text, which may arrive out of order and over
 * different binds. An incomplete text is passed on with what arrived once `timeoutMs` passes,
 * rather than lost: an opt-out keyword is usually in the first part.
 */
export class InboundAssembler {
  readonly #options: InboundAssemblerOptions
  readonly #pending = new Map<string, PendingText>()

  constructor(options: InboundAssemblerOptions) {
    this.#options = options
  }

  /**
   * Takes one part; settles when it may be acknowledged: at once for a part that waits for
   * the rest, after storage for a whole text or the part that completes one.
   *
   * Limitation: parts waiting for the rest live in memory only, so a crash loses the
   * already-acknowledged parts of an unfinished text.
   */
  add(part: InboundPart): Promise<void> {
    const { concat } = part
    if (concat === undefined || concat.total <= 1 || concat.seq < 1 || concat.seq > concat.total) {
      return this.#options.emit({ sender: part.sender, recipient: part.recipient, text: part.text })
    }

    const key = [part.sender, part.recipient, concat.reference, concat.total].join('\u0000')
    const pending = this.#pending.get(key) ?? this.#start(key, part, concat.total)
    pending.parts.set(concat.seq, part.text)
    return pending.parts.size === pending.total ? this.#flush(key) : Promise.resolve()
  }

  /** Passes on every incomplete text now. */
  close(): void {
    for (const key of [...this.#pending.keys()]) void this.#flush(key)
  }

  #start(key: string, first: InboundPart, total: number): PendingText {
    if (this.#pending.size >= this.#options.maxPending) {
      const oldest = this.#pending.keys().next()
      if (oldest.done !== true) void this.#flush(oldest.value)
    }

    const timer = setTimeout(() => void this.#flush(key), this.#options.timeoutMs)
    const pending = { first, total, parts: new Map<number, string>(), timer }
    this.#pending.set(key, pending)
    return pending
  }

  #flush(key: string): Promise<void> {
    const pending = this.#pending.get(key)
    if (pending === undefined) return Promise.resolve()
    this.#pending.delete(key)
    clearTimeout(pending.timer)

    const text = [...pending.parts]
      .sort(([a], [b]) => a - b)
      .map(([, part]) => part)
      .join('')
    return this.#options.emit({
      sender: pending.first.sender,
      recipient: pending.first.recipient,
      text,
    })
  }
}
