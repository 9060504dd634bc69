import { useState } from 'preact/hooks'
import { api, type Problem } from '../api.js'
import { ProblemNotice } from '../components/problem-notice.js'
import type { Flow, FlowId, StoreResource } from '../types.js'
import { problemOf, useRequest } from '../use-request.js'
import { ComplianceSettings } from './flows/compliance-settings.js'
import { FlowEditor } from './flows/flow-editor.js'

const FLOW_NAMES: Record<FlowId, { title: string; summary: string }> = {
  abandoned_checkout: {
    title: 'Abandoned checkout',
    summary: 'Reminds a customer who left a checkout, stopped by their order.',
  },
  order_confirmation: { title: 'Order confirmation', summary: 'Confirms each order at once.' },
  shipping_update: { title: 'Shipping update', summary: 'Announces each shipment with tracking.' },
}

/** The store's flows: on or off, their steps and templates, and the sending rules. */
export function FlowsPage() {
  const flows = useRequest(() => api<{ flows: Flow[] }>('GET', '/v1/flows'), 'flows')
  const store = useRequest(() => api<StoreResource>('GET', '/v1/store'), 'store')
  const [open, setOpen] = useState<FlowId>('abandoned_checkout')
  const [problem, setProblem] = useState<Problem>()

  // The switch's own state is what the owner asked for, whatever the last load said.
  const toggle = async (flow: Flow, enabled: boolean) => {
    setProblem(undefined)
    try {
      await api('PATCH', `/v1/flows/${flow.id}`, { body: { enabled } })
      flows.reload()
    } catch (error) {
      setProblem(problemOf(error))
    }
  }

  const current = flows.data?.flows.find((f) => f.id === open)
  return (
    <>
      <h1>Flows</h1>
      <ProblemNotice problem={problem ?? flows.problem} />
      <ul class="flow-list">
        {flows.data?.flows.map((flow) => (
          <li key={flow.id} class={`card flow-card${flow.id === open ? ' flow-open' : ''}`}>
            <div>
              <h2>{FLOW_NAMES[flow.id].title}</h2>
              <p class="muted">
                {FLOW_NAMES[flow.id].summary}{' '}
                {flow.category === 'marketing' ? 'Promotion' : 'Transactional'}, {flow.steps.length}{' '}
                step{flow.steps.length === 1 ? '' : 's'}.
              </p>
            </div>
            <label class="switch">
              <input
                type="checkbox"
                role="switch"
                checked={flow.enabled}
                onChange={(e) => toggle(flow, e.currentTarget.checked)}
                aria-label={`${FLOW_NAMES[flow.id].title} on`}
              />
              <span>{flow.enabled ? 'On' : 'Off'}</span>
            </label>
            <button
              type="button"
              class="button-small"
              aria-expanded={flow.id === open}
              onClick={() => setOpen(flow.id)}
            >
              Edit
            </button>
          </li>
        ))}
      </ul>
      {current && (
        <FlowEditor
          key={current.id}
          flow={current}
          title={FLOW_NAMES[current.id].title}
          onSaved={flows.reload}
        />
      )}
      {store.data && <ComplianceSettings store={store.data} onSaved={store.reload} />}
    </>
  )
}
