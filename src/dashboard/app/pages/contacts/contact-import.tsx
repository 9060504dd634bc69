import { useState } from 'preact/hooks'
import {
  csrfHeader,
  currentSessionNumber,
  readResponse,
  type FieldProblem,
  type Problem,
} from '../../api.js'
import { ProblemNotice } from '../../components/problem-notice.js'
import { problemOf } from '../../use-request.js'

interface ImportResult {
  readonly imported: number
  readonly opted_in: number
  readonly opted_out: number
}

/** `/lines/12/phone` → line 12, column phone. */
function rowOf(problem: FieldProblem): { line: string; column: string } {
  const match = /^\/lines\/(\d+)(?:\/(.+))?$/.exec(problem.field)
  return match ? { line: match[1]!, column: match[2] ?? '' } : { line: '', column: problem.field }
}

/**
 * Uploads a consent CSV with a progress bar. The server checks every row before importing
 * any, so a bad file changes nothing and comes back as one report of every bad row.
 */
export function ContactImport() {
  const [file, setFile] = useState<File>()
  const [progress, setProgress] = useState<number>()
  const [result, setResult] = useState<ImportResult>()
  const [problem, setProblem] = useState<Problem>()

  const upload = (event: Event) => {
    event.preventDefault()
    if (file === undefined) return
    setResult(undefined)
    setProblem(undefined)
    setProgress(0)
    const request = new XMLHttpRequest()
    const sentUnder = currentSessionNumber()
    request.open('POST', '/v1/contacts/import')
    request.setRequestHeader('content-type', 'text/csv')
    request.setRequestHeader('accept', 'application/json')
    request.setRequestHeader(...csrfHeader())
    request.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total)
    request.onload = () => {
      setProgress(undefined)
      try {
        setResult(
          readResponse<ImportResult>(
            request.status,
            request.responseText,
            '/v1/contacts/import',
            sentUnder,
          ),
        )
      } catch (error) {
        setProblem(problemOf(error))
      }
    }
    request.onerror = () => {
      setProgress(undefined)
      setProblem(problemOf(new Error('the upload was interrupted')))
    }
    request.send(file)
  }

  const rows = problem?.errors?.filter((e) => e.field.startsWith('/lines/')) ?? []
  return (
    <form class="card" onSubmit={upload} aria-labelledby="import-title">
      <h2 id="import-title">Import consent</h2>
      <p>
        A CSV file with a header line: <code>phone</code> and <code>evidence</code> (the wording
        each person agreed to) are required; <code>action</code> (<code>opt_in</code> or{' '}
        <code>opt_out</code>), <code>scope</code>, <code>collected_at</code>, <code>page_url</code>,{' '}
        <code>ip</code> and <code>user_agent</code> are optional. All rows or none are imported.
      </p>
      <div class="row">
        <label class="field">
          CSV file
          <input
            type="file"
            name="csv"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
        </label>
        <button type="submit" disabled={file === undefined || progress !== undefined}>
          Import
        </button>
      </div>
      {progress !== undefined && (
        <label class="field">
          Uploading {Math.round(progress * 100)} %
          <progress value={progress} max={1} />
        </label>
      )}
      {result && (
        <p class="notice notice-ok" role="status" data-testid="import-result">
          Imported {result.imported} rows: {result.opted_in} opt-ins, {result.opted_out} opt-outs.
        </p>
      )}
      {rows.length > 0 ? (
        <div role="alert">
          <p class="notice notice-error">
            Nothing was imported: {rows.length} problem{rows.length === 1 ? '' : 's'} to fix.
          </p>
          <div class="table-wrap">
            <table data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => {
                  const at = rowOf(e)
                  return (
                    <tr key={`${e.field}:${e.code}`}>
                      <td class="number">{at.line}</td>
                      <td>{at.column}</td>
                      <td>{e.message}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <ProblemNotice problem={problem} />
      )}
    </form>
  )
}
