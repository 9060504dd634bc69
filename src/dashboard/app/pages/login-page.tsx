import { useState } from 'preact/hooks'
import type { Problem } from '../api.js'
import { ProblemNotice } from '../components/problem-notice.js'
import { logIn, type Session } from '../session.js'
import { problemOf } from '../use-request.js'

/** The page shown without a session. */
export function LoginPage({ onLogin }: { onLogin: (session: Session) => void }) {
  return (
    <main id="main" class="login">
      <h1>Nudge</h1>
      <p class="lead">
        SMS for your store. Log in to connect it, run flows and see what they earn.
      </p>
      <LoginForm onLogin={onLogin} />
    </main>
  )
}

/** Log in with the store's API key, or with its id and the dashboard password. */
export function LoginForm({ onLogin }: { onLogin: (session: Session) => void }) {
  const [method, setMethod] = useState<'key' | 'password'>('key')
  const [apiKey, setApiKey] = useState('')
  const [storeId, setStoreId] = useState('')
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<Problem>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    try {
      const credentials =
        method === 'key' ? { api_key: apiKey.trim() } : { store_id: storeId.trim(), password }
      onLogin(await logIn(credentials))
    } catch (error) {
      setProblem(problemOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} class="card">
      <fieldset class="segmented">
        <legend>Log in with</legend>
        <label>
          <input
            type="radio"
            name="method"
            checked={method === 'key'}
            onChange={() => setMethod('key')}
          />
          API key
        </label>
        <label>
          <input
            type="radio"
            name="method"
            checked={method === 'password'}
            onChange={() => setMethod('password')}
          />
          Store password
        </label>
      </fieldset>
      {method === 'key' ? (
        <label class="field">
          API key
          <input
            type="password"
            name="api_key"
            autoComplete="current-password"
            required
            value={apiKey}
            onInput={(e) => setApiKey(e.currentTarget.value)}
          />
        </label>
      ) : (
        <>
          <label class="field">
            Store id
            <input
              name="store_id"
              autoComplete="username"
              required
              value={storeId}
              onInput={(e) => setStoreId(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            Password
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
        </>
      )}
      <ProblemNotice problem={problem} />
      <button type="submit" class="button-primary" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  )
}
