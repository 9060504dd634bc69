import { useEffect, useState } from 'preact/hooks'
import { api, type Problem } from '../../api.js'
import { ProblemNotice } from '../../components/problem-notice.js'
import { formatMoney } from '../../format.js'
import type { FlowId, Preview, Rendered } from '../../types.js'
import { problemOf } from '../../use-request.js'

const PAUSE_MS = 250

/**
 * What the template sends for a sample customer and for the longest plausible values, asked
 * of the server a moment after typing stops, so it counts exactly as sending will.
 */
export function TemplatePreview({ template, flow }: { template: string; flow: FlowId }) {
  const [preview, setPreview] = useState<Preview>()
  const [problem, setProblem] = useState<Problem>()

  useEffect(() => {
    let current = true
    const timer = window.setTimeout(() => {
      api<Preview>('POST', '/v1/templates/preview', { body: { template, flow } }).then(
        (answer) => {
          if (!current) return
          setPreview(answer)
          setProblem(undefined)
        },
        (error: unknown) => current && setProblem(problemOf(error)),
      )
    }, PAUSE_MS)
    return () => {
      current = false
      window.clearTimeout(timer)
    }
  }, [template, flow])

  return (
    <section class="preview" aria-label="Preview" aria-live="polite">
      {problem ? (
        <ProblemNotice problem={problem} />
      ) : preview ? (
        <>
          <div class="phone-bubble" data-testid="preview-text">
            {preview.sample.text}
          </div>
          <Figures label="Sample" rendered={preview.sample} />
          <Figures label="Worst case" rendered={preview.worst_case} />
          <UcsCharacters rendered={preview.sample} />
          {!preview.links.shortened && <p class="muted">{preview.links.detail}</p>}
        </>
      ) : (
        <p class="muted">Rendering…</p>
      )}
    </section>
  )
}

function Figures({ label, rendered }: { label: string; rendered: Rendered }) {
  return (
    <dl class="figures" data-testid={`preview-${label === 'Sample' ? 'sample' : 'worst'}`}>
      <dt>{label}</dt>
      <dd>
        <span data-testid="encoding">{rendered.encoding}</span> ·{' '}
        <span data-testid="segments">
          {rendered.segments} segment{rendered.segments === 1 ? '' : 's'}
        </span>{' '}
        · {rendered.units} / {rendered.units_per_segment * rendered.segments}{' '}
        {rendered.encoding === 'GSM-7' ? 'characters' : 'code units'} ·{' '}
        {formatMoney(rendered.price)}
      </dd>
    </dl>
  )
}

function UcsCharacters({ rendered }: { rendered: Rendered }) {
  if (rendered.ucs2_characters.length === 0) return null
  return (
    <p class="ucs2" data-testid="ucs2-characters">
      These characters force UCS-2 (70 per segment instead of 160):{' '}
      {rendered.ucs2_characters.map((c) => (
        <kbd key={c.code_point} title={`at ${c.positions.join(', ')}`}>
          {c.character} {c.code_point}
        </kbd>
      ))}
    </p>
  )
}
