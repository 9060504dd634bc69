import { useMemo } from 'preact/hooks'
import { api, query } from '../api.js'
import { ProblemNotice } from '../components/problem-notice.js'
import { TimeChart, type ChartLine } from '../components/time-chart.js'
import {
  dateInputValue,
  formatCount,
  formatMoney,
  formatMoneyList,
  formatPercent,
} from '../format.js'
import { navigate } from '../router.js'
import type { Series, Summary } from '../types.js'
import { useRequest } from '../use-request.js'
import { Funnel } from './analytics/funnel.js'

const DAY_MS = 86_400_000
const FLOWS = [
  { id: '', title: 'Every flow' },
  { id: 'abandoned_checkout', title: 'Abandoned checkout' },
  { id: 'order_confirmation', title: 'Order confirmation' },
  { id: 'shipping_update', title: 'Shipping update' },
]

/** Days `from` to `to`, both included, as the analytics routes read them. */
function periodOf(params: URLSearchParams): { from: string; to: string; flow: string } {
  const today = new Date()
  return {
    from: params.get('from') ?? dateInputValue(new Date(today.getTime() - 29 * DAY_MS)),
    to: params.get('to') ?? dateInputValue(today),
    flow: params.get('flow') ?? '',
  }
}

/** What the flows sent and earned over a period: figures, funnel and charts. */
export function AnalyticsPage({ params }: { params: URLSearchParams }) {
  const period = periodOf(params)
  const key = JSON.stringify(period)
  const summary = useRequest(
    () => api<Summary>('GET', `/v1/analytics/summary${query(period)}`),
    key,
  )
  const series = useRequest(
    () => api<Series>('GET', `/v1/analytics/series${query({ ...period, bucket: 'day' })}`),
    key,
  )

  const choose = (event: Event) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    const field = (name: string) => String(form.get(name) ?? '')
    const chosen = { from: field('from'), to: field('to'), flow: field('flow') }
    const moved = navigate(`/analytics${query(chosen)}`)
    // The same period again asks anew: figures move as messages are delivered and clicked.
    if (!moved) {
      summary.reload()
      series.reload()
    }
  }
  const lastDays = (days: number) => {
    const today = new Date()
    const from = dateInputValue(new Date(today.getTime() - (days - 1) * DAY_MS))
    navigate(`/analytics${query({ ...period, from, to: dateInputValue(today) })}`)
  }

  return (
    <>
      <h1>Analytics</h1>
      <form class="filters" onSubmit={choose} key={key}>
        <label class="field">
          From
          <input type="date" name="from" defaultValue={period.from} required />
        </label>
        <label class="field">
          To
          <input type="date" name="to" defaultValue={period.to} required />
        </label>
        <label class="field">
          Flow
          <select name="flow" defaultValue={period.flow}>
            {FLOWS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
        <span class="quick">
          {[7, 30, 90].map((days) => (
            <button key={days} type="button" class="button-small" onClick={() => lastDays(days)}>
              {days} days
            </button>
          ))}
        </span>
      </form>
      <ProblemNotice problem={summary.problem ?? series.problem} />
      {summary.data && <Figures summary={summary.data} />}
      {summary.data && <Funnel summary={summary.data} />}
      {series.data && <Charts series={series.data} />}
    </>
  )
}

function Figures({ summary }: { summary: Summary }) {
  const m = summary.messages
  const cards: [string, string, string][] = [
    ['sent', 'Sent', formatCount(m.sent)],
    ['delivered', 'Delivered', formatCount(m.delivered)],
    [
      'clicked',
      'Clicked',
      `${formatCount(summary.clicks.unique)} (${formatPercent(summary.clicks.click_through_rate)})`,
    ],
    ['orders', 'Orders', formatCount(summary.orders.attributed)],
    ['revenue', 'Recovered revenue', formatMoneyList(summary.revenue)],
    ['cost', 'SMS cost', formatMoneyList(summary.sms_cost)],
    [
      'roas',
      'Return on ad spend',
      summary.return_on_ad_spend === null ? '—' : `${summary.return_on_ad_spend.toFixed(2)}×`,
    ],
    ['suppressed', 'Suppressed', formatCount(m.suppressed.total)],
  ]
  return (
    <section aria-label="Figures">
      <dl class="kpis">
        {cards.map(([id, label, value]) => (
          <div key={id} class="kpi" data-testid={`kpi-${id}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {m.suppressed.total > 0 && (
        <p class="muted">
          Suppressed by reason:{' '}
          {Object.entries(m.suppressed.by_reason)
            .map(([reason, count]) => `${reason} ${count}`)
            .join(', ')}
        </p>
      )}
      {summary.discount_cost !== null && summary.discount_cost.length > 0 && (
        <p class="muted">
          Discounts given on attributed orders: {formatMoneyList(summary.discount_cost)}
        </p>
      )}
    </section>
  )
}

function Charts({ series }: { series: Series }) {
  const times = useMemo(() => series.points.map((p) => Date.parse(p.start)), [series])
  const currency = series.points.flatMap((p) => p.revenue.concat(p.sms_cost))[0]?.currency
  const messageLines = useMemo<ChartLine[]>(
    () => [
      { label: 'Sent', values: series.points.map((p) => p.sent), colour: '#3b5bdb' },
      {
        label: 'Delivered',
        values: series.points.map((p) => p.delivered),
        colour: '#2b8a3e',
        dash: [6, 3],
      },
      {
        label: 'Clicked',
        values: series.points.map((p) => p.unique_clicks),
        colour: '#e8590c',
        dash: [2, 2],
      },
    ],
    [series],
  )
  const moneyLines = useMemo<ChartLine[]>(() => {
    const amountIn = (list: readonly { amount: string; currency: string }[]) =>
      Number(list.find((m) => m.currency === currency)?.amount ?? 0)
    return [
      {
        label: 'Recovered revenue',
        values: series.points.map((p) => amountIn(p.revenue)),
        colour: '#2b8a3e',
      },
      {
        label: 'SMS cost',
        values: series.points.map((p) => amountIn(p.sms_cost)),
        colour: '#c92a2a',
        dash: [6, 3],
      },
    ]
  }, [series, currency])

  return (
    <section class="charts" aria-label="Over time">
      <TimeChart title="Messages per day" times={times} lines={messageLines} />
      {currency !== undefined && (
        <TimeChart
          title={`Revenue and cost per day (${currency})`}
          times={times}
          lines={moneyLines}
          formatValue={(v) => formatMoney({ amount: String(v), currency })}
        />
      )}
    </section>
  )
}
