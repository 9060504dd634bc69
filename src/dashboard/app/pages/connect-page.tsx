import { useState } from 'preact/hooks'
import { api, type Problem } from '../api.js'
import { CopyButton } from '../components/copy-button.js'
import { ProblemNotice } from '../components/problem-notice.js'
import { formatTime } from '../format.js'
import type { Connection, SampleResult, StoreResource } from '../types.js'
import { problemOf, useRequest } from '../use-request.js'

const PLATFORM_NAMES: Record<string, string> = {
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  custom: 'your own store (event API)',
}

/** Where the store's platform sends its webhooks, whether any arrived, and a test event. */
export function ConnectPage() {
  const connection = useRequest(() => api<Connection>('GET', '/v1/store/connection'), 'connection')
  const store = useRequest(() => api<StoreResource>('GET', '/v1/store'), 'store')

  return (
    <>
      <h1>Connect your store</h1>
      <ProblemNotice problem={connection.problem ?? store.problem} />
      {store.data && <StoreWarnings store={store.data} />}
      {connection.data && (
        <>
          <section class="card" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">Webhook addresses</h2>
            <p>
              In {PLATFORM_NAMES[connection.data.platform] ?? connection.data.platform}, add one
              webhook for each topic below, in JSON, pointing at its address.
            </p>
            <ul class="webhook-list">
              {connection.data.webhook_urls.map((hook) => (
                <li key={hook.topic}>
                  <span class="topic">{hook.topic}</span>
                  <input readOnly value={hook.url} aria-label={`Address for ${hook.topic}`} />
                  <CopyButton text={hook.url} label={`address for ${hook.topic}`} />
                </li>
              ))}
            </ul>
          </section>
          <section class="card" aria-labelledby="arrival-title">
            <h2 id="arrival-title">Arrivals</h2>
            <p data-testid="last-webhook">
              {connection.data.last_webhook === null ? (
                'No webhook has arrived yet.'
              ) : (
                <>
                  Last webhook: <strong>{connection.data.last_webhook.topic}</strong> at{' '}
                  {formatTime(connection.data.last_webhook.at)}
                  {connection.data.webhooks_received_24h !== undefined &&
                    ` · ${connection.data.webhooks_received_24h} in the last 24 hours`}
                </>
              )}
            </p>
            <button type="button" class="button-small" onClick={connection.reload}>
              Check again
            </button>
          </section>
          <SamplePanel onSent={connection.reload} />
        </>
      )}
    </>
  )
}

function StoreWarnings({ store }: { store: StoreResource }) {
  const warnings: string[] = []
  if (store.default_sender === null)
    warnings.push('No sender is set, so flows cannot send. Set one with PATCH /v1/store.')
  if (store.public_base_url === null)
    warnings.push('No public base URL is set, so messages cannot carry links back to the store.')
  if (warnings.length === 0) return null
  return (
    <div class="notice notice-warning" role="status">
      {warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
    </div>
  )
}

/** Sends signed sample events through the store's own webhook route, as the platform would. */
function SamplePanel({ onSent }: { onSent: () => void }) {
  const [phone, setPhone] = useState('')
  const [result, setResult] = useState<string>()
  const [problem, setProblem] = useState<Problem>()
  const [busy, setBusy] = useState(false)

  const send = async (kind: 'checkout' | 'order') => {
    setBusy(true)
    setResult(undefined)
    setProblem(undefined)
    try {
      const body = phone.trim() === '' ? {} : { phone: phone.trim() }
      const sent = await api<SampleResult>('POST', `/v1/store/samples/${kind}`, { body })
      setResult(
        `Sent a signed ${sent.topic} event; the store's webhook answered ${sent.status_code}.`,
      )
      onSent()
    } catch (error) {
      setProblem(problemOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="sample-title">
      <h2 id="sample-title">Try it</h2>
      <p>
        Send a sample abandoned checkout through the same path a real webhook takes: signature,
        consent, the abandoned-checkout flow and the carrier. Then send the matching order to see
        the reminder stop and the revenue counted.
      </p>
      <label class="field">
        Phone number for the sample (optional)
        <input
          type="tel"
          name="sample_phone"
          placeholder="+12025550143"
          value={phone}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button
          type="button"
          class="button-primary"
          disabled={busy}
          onClick={() => send('checkout')}
        >
          Send sample checkout
        </button>
        <button type="button" disabled={busy} onClick={() => send('order')}>
          Send sample order
        </button>
      </div>
      {result !== undefined && (
        <p class="notice notice-ok" role="status">
          {result}
        </p>
      )}
      <ProblemNotice problem={problem} />
    </section>
  )
}
