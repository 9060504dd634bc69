import { useEffect, useRef } from 'preact/hooks'
import { LoginForm } from '../pages/login-page.js'
import type { Session } from '../session.js'

/**
 * Asks to log in again over the page when the session ended while it was open, so what was
 * being edited stays on screen and can be saved once logged in.
 */
export function SessionExpired({ onLogin }: { onLogin: (session: Session) => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    dialog.current?.showModal()
  }, [])
  return (
    <dialog
      ref={dialog}
      class="detail"
      aria-labelledby="expired-title"
      // Escape must not dismiss it: nothing on the page works without a session.
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id="expired-title">Your session ended</h2>
      <p>Log in again to go on; what you were editing is kept. Then save it again.</p>
      <LoginForm onLogin={onLogin} />
    </dialog>
  )
}
