import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))

/** Every child started here, ended when the benchmark exits for any reason. */
const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130))
}

export interface Started {
  readonly child: ChildProcess
  readonly log: Record<string, unknown>
}

/**
 * Starts the built `nudge` command and waits for the JSON log line `message`. The process is
 * the benchmark's own child and is ended by PID when the run is over.
 */
export async function startNudgeProcess(
  args: string[],
  message: string,
  nodeArgs: string[] = [],
): Promise<Started> {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  const log = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${message}" from nudge ${args[0]}`)),
      30_000,
    )
    createInterface({ input: child.stdout! }).on('line', (text) => {
      try {
        const line = JSON.parse(text) as Record<string, unknown>
        if (line['msg'] === message) {
          clearTimeout(timer)
          resolve(line)
        }
      } catch {
        // not a log line
      }
    })
    child.once('exit', (code) => reject(new Error(`nudge ${args[0]} exited with ${code}`)))
  })
  child.stdout!.resume()
  return { child, log }
}

/** Peak resident memory of a process so far, in MiB (Linux VmHWM). */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return kib / 1024
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}

/** Writes a config file with one carrier, `bench`, for every +1 number at the simulator. */
export function writeCarrierConfig(
  file: string,
  carrier: { smppPort: number; window: number },
): void {
  writeFileSync(
    file,
    JSON.stringify({
      carriers: [
        {
          id: 'bench',
          host: '127.0.0.1',
          port: carrier.smppPort,
          systemId: 'bench',
          password: 'bench',
          window: carrier.window,
          segmentsPerSecond: 1_000_000,
          destinations: [{ prefix: '+1' }],
        },
      ],
    }),
  )
}

/** Creates a store with the built `nudge stores create NAME … --json`; its id and API key. */
export function createStore(
  database: string,
  name: string,
  options: string[] = [],
): { id: string; api_key: string } {
  const created = spawnSync(process.execPath, [
    CLI,
    'stores',
    'create',
    name,
    ...options,
    '--db',
    database,
    '--json',
  ])
  if (created.status !== 0) throw new Error(`stores create failed: ${created.stderr.toString()}`)
  return JSON.parse(created.stdout.toString()) as { id: string; api_key: string }
}
