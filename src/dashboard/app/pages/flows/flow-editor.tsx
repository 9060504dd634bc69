import { useState } from 'preact/hooks'
import { api, type Problem } from '../../api.js'
import { SaveBar } from '../../components/save-bar.js'
import type { Flow, FlowStep } from '../../types.js'
import { problemOf } from '../../use-request.js'
import { TemplatePreview } from './template-preview.js'

/** A flow's steps: when each goes, its template with a live preview, its discount. */
export function FlowEditor(props: { flow: Flow; title: string; onSaved: () => void }) {
  const [steps, setSteps] = useState<FlowStep[]>(() => props.flow.steps.map((s) => ({ ...s })))
  const [problem, setProblem] = useState<Problem>()
  const [saved, setSaved] = useState(false)
  const timed = props.flow.id === 'abandoned_checkout'

  const change = (index: number, patch: Partial<FlowStep>) => {
    setSaved(false)
    setSteps((all) => all.map((step, i) => (i === index ? { ...step, ...patch } : step)))
  }

  const save = async (event: Event) => {
    event.preventDefault()
    setProblem(undefined)
    try {
      await api('PATCH', `/v1/flows/${props.flow.id}`, { body: { steps } })
      setSaved(true)
      props.onSaved()
    } catch (error) {
      setProblem(problemOf(error))
    }
  }

  return (
    <form class="card" onSubmit={save} aria-labelledby="editor-title">
      <h2 id="editor-title">{props.title}: messages</h2>
      {steps.map((step, index) => (
        <fieldset key={index} class="step">
          <legend>Step {index + 1}</legend>
          {timed && (
            <label class="field field-inline">
              Send after
              <input
                type="number"
                min={1}
                name={`delay_${index}`}
                value={step.delay_minutes}
                onInput={(e) => change(index, { delay_minutes: Number(e.currentTarget.value) })}
              />
              minutes
            </label>
          )}
          {step.discount && (
            <p class="muted">
              Carries a unique single-use code:{' '}
              {step.discount.type === 'percent'
                ? `${step.discount.value}% off`
                : `${step.discount.value} off`}
              , valid {step.discount.expires_in_days ?? 7} days.
            </p>
          )}
          <div class="editor-grid">
            <label class="field">
              Template
              <textarea
                name={`template_${index}`}
                rows={6}
                spellcheck={false}
                value={step.template}
                onInput={(e) => change(index, { template: e.currentTarget.value })}
              />
            </label>
            <TemplatePreview template={step.template} flow={props.flow.id} />
          </div>
        </fieldset>
      ))}
      <SaveBar label="Save messages" problem={problem} saved={saved} />
    </form>
  )
}
