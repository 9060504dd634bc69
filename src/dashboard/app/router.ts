import { useEffect, useState } from 'preact/hooks'

/** The dashboard's pages, by path; the server answers the page itself for each of them. */
export const PAGES = [
  { path: '/connect', title: 'Connect' },
  { path: '/flows', title: 'Flows' },
  { path: '/messages', title: 'Messages' },
  { path: '/contacts', title: 'Contacts' },
  { path: '/analytics', title: 'Analytics' },
  { path: '/carriers', title: 'Carriers' },
] as const

const listeners = new Set<() => void>()

/**
 * Moves to another page without reloading; the back button returns. Says whether it moved:
 * asking for the page already shown does nothing.
 */
export function navigate(to: string): boolean {
  if (to === currentLocation()) return false
  window.history.pushState(null, '', to)
  for (const listener of listeners) listener()
  return true
}

function currentLocation(): string {
  return window.location.pathname + window.location.search
}

/** The current path and query, re-rendering on navigation and on back/forward. */
export function useLocation(): { path: string; params: URLSearchParams } {
  const [location, setLocation] = useState(currentLocation)
  useEffect(() => {
    const update = () => setLocation(currentLocation())
    listeners.add(update)
    window.addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  const url = new URL(location, window.location.origin)
  return { path: url.pathname, params: url.searchParams }
}

/** Follows a same-page link with the router, leaving modified clicks to the browser. */
export function followLink(event: MouseEvent): void {
  const link = event.currentTarget as HTMLAnchorElement
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  navigate(link.pathname + link.search)
}
