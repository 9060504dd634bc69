import { formatCount } from '../../format.js'
import type { Summary } from '../../types.js'

/** Sent → delivered → clicked → ordered, each bar as wide as its share of what was sent. */
export function Funnel({ summary }: { summary: Summary }) {
  const steps = [
    { label: 'Sent', value: summary.messages.sent },
    { label: 'Delivered', value: summary.messages.delivered },
    { label: 'Clicked', value: summary.clicks.unique },
    { label: 'Ordered', value: summary.orders.attributed },
  ]
  const top = Math.max(steps[0]!.value, 1)
  return (
    <section class="card" aria-labelledby="funnel-title">
      <h2 id="funnel-title">Funnel</h2>
      <ol class="funnel">
        {steps.map((step) => (
          <li key={step.label}>
            <span class="funnel-label">{step.label}</span>
            <span
              class="funnel-bar"
              style={{ width: `${Math.max((step.value / top) * 100, 0.5)}%` }}
            />
            <span class="funnel-value">
              {formatCount(step.value)}
              {step.label !== 'Sent' &&
                summary.messages.sent > 0 &&
                ` · ${((step.value / summary.messages.sent) * 100).toFixed(1)} %`}
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}
