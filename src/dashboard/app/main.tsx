import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import 'uplot/dist/uPlot.min.css'
import './styles.css'
import { whenSessionLost } from './api.js'
import { Layout } from './components/layout.js'
import { SessionExpired } from './components/session-expired.js'
import { AnalyticsPage } from './pages/analytics-page.js'
import { CarriersPage } from './pages/carriers-page.js'
import { ConnectPage } from './pages/connect-page.js'
import { ContactsPage } from './pages/contacts-page.js'
import { FlowsPage } from './pages/flows-page.js'
import { LoginPage } from './pages/login-page.js'
import { MessagesPage } from './pages/messages-page.js'
import { navigate, PAGES, useLocation } from './router.js'
import { currentSession, logOut, type Session } from './session.js'
import { problemOf } from './use-request.js'

function App() {
  const [session, setSession] = useState<Session | null>()
  // The session ended while a page was open: the page stays, under a login dialog.
  const [expired, setExpired] = useState(false)
  const { path, params } = useLocation()

  useEffect(() => {
    whenSessionLost(() => setExpired(true))
    currentSession().then(
      (found) => setSession(found ?? null),
      () => setSession(null),
    )
  }, [])

  useEffect(() => {
    const page = PAGES.find((p) => path.startsWith(p.path))
    document.title = page === undefined ? 'Nudge' : `${page.title} · Nudge`
    if (session && page === undefined) navigate('/connect')
  }, [path, session])

  if (session === undefined) return <p class="loading">Loading…</p>
  if (session === null) return <LoginPage onLogin={setSession} />

  const loggedInAgain = (again: Session) => {
    // Another store's login: nothing on the page is its own.
    if (again.store.id !== session.store.id) window.location.reload()
    setSession(again)
    setExpired(false)
  }
  const logout = async () => {
    try {
      await logOut()
      setSession(null)
      setExpired(false)
    } catch (error) {
      window.alert(`You are still logged in: ${problemOf(error).detail}. Try again.`)
    }
  }
  return (
    <>
      <Layout storeName={session.store.name} path={path} onLogout={logout}>
        {path.startsWith('/flows') && <FlowsPage />}
        {path.startsWith('/messages') && <MessagesPage params={params} />}
        {path.startsWith('/contacts') && <ContactsPage params={params} />}
        {path.startsWith('/analytics') && <AnalyticsPage params={params} />}
        {path.startsWith('/carriers') && <CarriersPage />}
        {(path.startsWith('/connect') || !PAGES.some((p) => path.startsWith(p.path))) && (
          <ConnectPage />
        )}
      </Layout>
      {expired && <SessionExpired onLogin={loggedInAgain} />}
    </>
  )
}

render(<App />, document.getElementById('app')!)
