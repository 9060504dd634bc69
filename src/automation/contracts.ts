import type { Trx } from '../storage/index.js'

/** One problem found in a template, for the editor: where it is and what is wrong. */
export interface TemplateProblem {
  readonly code: 'SYNTAX' | 'UNKNOWN_VARIABLE' | 'UNKNOWN_FILTER'
  readonly message: string
  /** 1-based line and column in the template, when known. */
  readonly line: number | null
  readonly column: number | null
}

/**
 * Liquid templates for flow messages. Variables available: `customer.first_name`,
 * `customer.last_name`, `checkout.items[n].title|quantity|price|variant_title`,
 * `checkout.total`, `checkout.currency`, `recovery_url`, `discount.code`, `discount.value`,
 * `store.name`, `order.name`, `order.total`, `order.currency`, `shipment.tracking_url`,
 * `shipment.tracking_number`, `shipment.tracking_company`. Filter `money` formats micro-units
 * in the context's currency (`checkout.currency`, else `order.currency`) or the one given.
 */
export interface TemplateRenderer {
  /** Every problem in the template; empty when it is valid. */
  validate(source: string): readonly TemplateProblem[]
  /** Renders a valid template; unknown variables render empty (validate first). */
  render(source: string, context: TemplateContext): Promise<string>
}

/** Values a template sees; money fields are integer micro-units. */
export type TemplateContext = Readonly<Record<string, unknown>>

/**
 * Turns every http(s) URL in a message into a short link on the store's public base URL
 * (`{baseUrl}/r/{code}`), recorded so a click redirects to the original and is counted.
 * Runs in the transaction that stores the message.
 */
export interface LinkShortener {
  shorten(
    trx: Trx,
    args: {
      readonly storeId: string
      readonly text: string
      readonly baseUrl: string
      /** What the link belongs to, for click attribution. */
      readonly messageId: string | null
      readonly flowRunId: string | null
      readonly nowMs: number
    },
  ): Promise<{ readonly text: string; readonly codes: readonly string[] }>
}
