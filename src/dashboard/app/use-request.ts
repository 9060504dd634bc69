import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, type Problem } from './api.js'

export interface RequestState<T> {
  readonly data: T | undefined
  readonly problem: Problem | undefined
  readonly loading: boolean
  /** Asks again, keeping the current data on screen meanwhile. */
  readonly reload: () => void
}

/**
 * Runs `load` when `key` changes and keeps its answer; an older answer that arrives after a
 * newer request started is dropped, so fast typing never shows stale results.
 */
export function useRequest<T>(load: () => Promise<T>, key: string): RequestState<T> {
  const [data, setData] = useState<T>()
  const [problem, setProblem] = useState<Problem>()
  const [loading, setLoading] = useState(true)
  const [round, setRound] = useState(0)
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    const ticket = ++latest.current
    setLoading(true)
    loadRef.current().then(
      (value) => {
        if (ticket !== latest.current) return
        setData(value)
        setProblem(undefined)
        setLoading(false)
      },
      (error: unknown) => {
        if (ticket !== latest.current) return
        setData(undefined)
        setProblem(problemOf(error))
        setLoading(false)
      },
    )
  }, [key, round])

  const reload = useCallback(() => setRound((r) => r + 1), [])
  return { data, problem, loading, reload }
}

/** Any failure as a problem to show: the server's own, or a network failure. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem
  return {
    type: 'about:blank',
    title: 'The server could not be reached',
    status: 0,
    detail: error instanceof Error ? error.message : String(error),
    code: 'NETWORK',
  }
}
