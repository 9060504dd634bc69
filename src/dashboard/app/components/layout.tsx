import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { followLink, PAGES } from '../router.js'

/** The frame of every page once logged in: the store, the page links, the page itself. */
export function Layout(props: {
  storeName: string
  path: string
  onLogout: () => void
  children: ComponentChildren
}) {
  const main = useRef<HTMLElement>(null)
  // After moving to another page, keyboard and screen-reader users start at its content.
  const first = useRef(true)
  useEffect(() => {
    if (first.current) first.current = false
    else main.current?.focus()
  }, [props.path])
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ◆
          </span>
          Nudge <span class="store-name">{props.storeName}</span>
        </div>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((page) => (
              <li key={page.path}>
                <a
                  href={page.path}
                  onClick={followLink}
                  aria-current={props.path.startsWith(page.path) ? 'page' : undefined}
                >
                  {page.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="button-small logout" onClick={props.onLogout}>
          Log out
        </button>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {props.children}
      </main>
    </>
  )
}
