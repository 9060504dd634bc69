import type { Problem } from '../api.js'
import { ProblemNotice } from './problem-notice.js'

/** The end of a settings form: why the last save failed, the save button, and "Saved." */
export function SaveBar(props: { label: string; problem: Problem | undefined; saved: boolean }) {
  return (
    <>
      <ProblemNotice problem={props.problem} />
      <div class="actions">
        <button type="submit" class="button-primary">
          {props.label}
        </button>
        {props.saved && (
          <span role="status" class="muted">
            Saved.
          </span>
        )}
      </div>
    </>
  )
}
