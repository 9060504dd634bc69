import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))

export interface NudgeProcess {
  readonly child: ChildProcess
  readonly pid: number
  /** Resolves with the first JSON log line whose `msg` equals `message`. */
  waitForLog(message: string, timeoutMs?: number): Promise<Record<string, unknown>>
  /** Everything the process printed to standard error. */
  stderr(): string
  kill(signal: NodeJS.Signals): Promise<number | null>
}

/** Runs the `nudge` command from source in its own process, reading its JSON log lines. */
export function spawnNudge(args: string[], env: NodeJS.ProcessEnv = {}): NudgeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: Record<string, unknown>[] = []
  const waiters: { message: string; resolve: (line: Record<string, unknown>) => void }[] = []
  let errText = ''
  child.stderr!.on('data', (chunk: Buffer) => (errText += chunk.toString()))

  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>
    try {
      line = JSON.parse(text) as Record<string, unknown>
    } catch {
      return
    }
    lines.push(line)
    for (const w of waiters.filter((w) => w.message === line['msg'])) w.resolve(line)
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )

  return {
    child,
    pid: child.pid!,
    waitForLog(message, timeoutMs = 20_000) {
      const seen = lines.find((l) => l['msg'] === message)
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${message}" log line within ${timeoutMs} ms\n${errText}`)),
          timeoutMs,
        )
        waiters.push({ message, resolve: (l) => (clearTimeout(timer), resolve(l)) })
      })
    },
    stderr: () => errText,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** Runs a `nudge` command to completion and returns what it printed. */
export async function runNudge(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, stdout, stderr }
}
