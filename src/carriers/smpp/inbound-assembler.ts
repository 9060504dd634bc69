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
  readonly emit: (text: InboundText) => void
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

  add(part: InboundPart): void {
    const { concat } = part
    if (concat === undefined || concat.total <= 1 || concat.seq < 1 || concat.seq > concat.total) {
      this.#options.emit({ sender: part.sender, recipient: part.recipient, text: part.text })
      return
    }

    const key = [part.sender, part.recipient, concat.reference, concat.total].join('\u0000')
    const pending = this.#pending.get(key) ?? this.#start(key, part, concat.total)
    pending.parts.set(concat.seq, part.text)
    if (pending.parts.size === pending.total) this.#flush(key)
  }

  /** Passes on every incomplete text now. */
  close(): void {
    for (const key of [...this.#pending.keys()]) this.#flush(key)
  }

  #start(key: string, first: InboundPart, total: number): PendingText {
    if (this.#pending.size >= this.#options.maxPending) {
      const oldest = this.#pending.keys().next()
      if (oldest.done !== true) this.#flush(oldest.value)
    }

    const timer = setTimeout(() => this.#flush(key), this.#options.timeoutMs)
    const pending = { first, total, parts: new Map<number, string>(), timer }
    this.#pending.set(key, pending)
    return pending
  }

  #flush(key: string): void {
    const pending = this.#pending.get(key)
    if (pending === undefined) return
    this.#pending.delete(key)
    clearTimeout(pending.timer)

    const text = [...pending.parts]
      .sort(([a], [b]) => a - b)
      .map(([, part]) => part)
      .join('')
    this.#options.emit({ sender: pending.first.sender, recipient: pending.first.recipient, text })
  }
}
