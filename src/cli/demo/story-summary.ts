import type { Narrator } from './narrator.js'
import type { StoreApi } from './store-api.js'

interface MessagesPage {
  readonly data: readonly {
    readonly id: string
    readonly status: string
    readonly price: { readonly amount: string; readonly currency: string }
    readonly metadata: Record<string, string> | null
  }[]
}

interface Money {
  readonly amount: string
  readonly currency: string
}

/** The figures the story reads from the summary; anything else is shown as it comes. */
interface Summary {
  readonly messages?: { readonly sent?: number; readonly delivered?: number }
  readonly clicks?: { readonly unique?: number }
  readonly orders?: { readonly attributed?: number }
  readonly revenue?: readonly Money[]
  readonly sms_cost?: readonly Money[]
  readonly return_on_ad_spend?: number | null
}

/**
 * What the flow earned, from `GET /v1/analytics/summary`; where this build has no such route,
 * the store's messages from `GET /v1/messages` instead.
 */
export async function printSummary(args: {
  readonly api: StoreApi
  readonly narrator: Narrator
  readonly fromMs: number
  readonly toMs: number
}): Promise<void> {
  const { api, narrator } = args
  const query = new URLSearchParams({
    from: new Date(args.fromMs).toISOString(),
    to: new Date(args.toMs).toISOString(),
    flow: 'abandoned_checkout',
  })
  const path = `/v1/analytics/summary?${query.toString()}`
  const summary = await api.getIfPresent<Summary>(path)
  narrator.say()
  if (summary !== undefined) {
    narrator.say(`What the abandoned-checkout flow did (GET ${path}):`)
    narrator.say(`  ${headline(summary)}`)
    narrator.say()
    for (const line of JSON.stringify(summary, null, 2).split('\n')) narrator.say(`  ${line}`)
    return
  }
  const page = await api.get<MessagesPage>('/v1/messages?limit=10')
  narrator.say('GET /v1/messages (this build has no /v1/analytics/summary to add them up):')
  for (const m of [...page.data].reverse()) {
    const flow = m.metadata?.['flow'] ?? 'api'
    narrator.say(
      `  ${m.id}  ${m.status.padEnd(9)} ${flow.padEnd(18)} ${m.price.amount} ${m.price.currency}`,
    )
  }
}

function headline(s: Summary): string {
  const money = (list: readonly Money[] | undefined): string =>
    list === undefined || list.length === 0
      ? '0'
      : list.map((m) => `${m.amount} ${m.currency}`).join(' + ')
  const roas = s.return_on_ad_spend
  return [
    `${s.messages?.sent ?? 0} sent, ${s.messages?.delivered ?? 0} delivered`,
    `${s.clicks?.unique ?? 0} clicked`,
    `${s.orders?.attributed ?? 0} order recovered for ${money(s.revenue)}`,
    `texts cost ${money(s.sms_cost)}`,
    `return on spend ${roas === null || roas === undefined ? 'n/a' : `${roas.toFixed(0)}×`}`,
  ].join('; ')
}
