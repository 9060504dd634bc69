import type { Problem } from '../api.js'

/** A failure as the server explained it, with each field's problem listed. */
export function ProblemNotice({ problem }: { problem: Problem | undefined }) {
  if (problem === undefined) return null
  return (
    <div class="notice notice-error" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail !== '' && <span> — {problem.detail}</span>}
      {problem.errors !== undefined && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.code}`}>
              <code>{e.field}</code>
              {e.line != null &&
                ` (line ${e.line}${e.column != null ? `, column ${e.column}` : ''})`}
              : {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
