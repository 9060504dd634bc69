import { ValidationError } from '../../runtime/index.js'
import type { SimulatedOutcome } from './receipt-builder.js'

const OUTCOMES = ['delivered', 'undelivered', 'expired', 'rejected'] as const

/** Draws each message's fate at configured rates. */
export class OutcomeRates {
  readonly #rates: readonly [SimulatedOutcome, number][]

  /** Rates must be 0 or more and sum to 1. */
  constructor(rates: Readonly<Record<SimulatedOutcome, number>>) {
    const entries = OUTCOMES.map((outcome): [SimulatedOutcome, number] => [outcome, rates[outcome]])
    const total = entries.reduce((sum, [, rate]) => sum + rate, 0)
    if (entries.some(([, rate]) => !(rate >= 0)) || Math.abs(total - 1) > 1e-9) {
      throw new ValidationError([
        { field: '/outcomes', code: 'INVALID', message: 'rates must be 0 or more and sum to 1' },
      ])
    }
    this.#rates = entries
  }

  draw(): SimulatedOutcome {
    let roll = Math.random()
    for (const [outcome, rate] of this.#rates) {
      if (roll < rate) return outcome
      roll -= rate
    }
    return 'delivered'
  }
}
