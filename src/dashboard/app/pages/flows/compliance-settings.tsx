import { useState } from 'preact/hooks'
import { api, type Problem } from '../../api.js'
import { SaveBar } from '../../components/save-bar.js'
import type { StoreResource } from '../../types.js'
import { problemOf } from '../../use-request.js'

/** Quiet hours in the recipient's own time and the promotions frequency cap. */
export function ComplianceSettings(props: { store: StoreResource; onSaved: () => void }) {
  const initial = props.store.compliance
  const [start, setStart] = useState(initial.quiet_hours.start)
  const [end, setEnd] = useState(initial.quiet_hours.end)
  const [transactional, setTransactional] = useState(initial.quiet_hours.transactional)
  const [capped, setCapped] = useState(initial.frequency_cap !== null)
  const [messages, setMessages] = useState(initial.frequency_cap?.messages ?? 1)
  const [windowHours, setWindowHours] = useState(initial.frequency_cap?.window_hours ?? 24)
  const [problem, setProblem] = useState<Problem>()
  const [saved, setSaved] = useState(false)

  const save = async (event: Event) => {
    event.preventDefault()
    setProblem(undefined)
    setSaved(false)
    try {
      await api('PATCH', '/v1/store', {
        body: {
          compliance: {
            quiet_hours: { start, end, transactional },
            frequency_cap: capped ? { messages, window_hours: windowHours } : null,
          },
        },
      })
      setSaved(true)
      props.onSaved()
    } catch (error) {
      setProblem(problemOf(error))
    }
  }

  return (
    <form class="card" onSubmit={save} aria-labelledby="rules-title">
      <h2 id="rules-title">Sending rules</h2>
      <fieldset>
        <legend>Sending window, in each recipient’s own time zone</legend>
        <div class="row">
          <label class="field">
            From
            <input
              type="time"
              name="window_start"
              value={start}
              onInput={(e) => setStart(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            Until
            <input
              type="time"
              name="window_end"
              value={end}
              onInput={(e) => setEnd(e.currentTarget.value)}
            />
          </label>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={transactional}
            onChange={(e) => setTransactional(e.currentTarget.checked)}
          />
          Hold order and shipping messages too
        </label>
        <p class="muted">Country rules (for example France and the United States) apply on top.</p>
      </fieldset>
      <fieldset>
        <legend>Frequency cap for promotions</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={capped}
            onChange={(e) => setCapped(e.currentTarget.checked)}
          />
          Limit promotions per customer
        </label>
        {capped && (
          <div class="row">
            <label class="field">
              At most
              <input
                type="number"
                min={1}
                max={1000}
                name="cap_messages"
                value={messages}
                onInput={(e) => setMessages(Number(e.currentTarget.value))}
              />
            </label>
            <label class="field">
              per hours
              <input
                type="number"
                min={1}
                max={720}
                name="cap_window_hours"
                value={windowHours}
                onInput={(e) => setWindowHours(Number(e.currentTarget.value))}
              />
            </label>
          </div>
        )}
      </fieldset>
      <SaveBar label="Save rules" problem={problem} saved={saved} />
    </form>
  )
}
