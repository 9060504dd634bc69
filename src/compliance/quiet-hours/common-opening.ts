import type { ZoneWindows } from './zone-windows.js'

/**
 * The earliest instant at or after `fromMs`, and before `horizonMs`, at which every zone is
 * open; undefined when there is none. Each round moves to the latest of the zones' next
 * openings, so it ends after at most one round per window in the horizon.
 */
export function earliestCommonOpening(
  zones: readonly ZoneWindows[],
  fromMs: number,
  horizonMs: number,
  windowsPerZone: number,
): number | undefined {
  let candidateMs = fromMs
  const maxRounds = zones.length * windowsPerZone + 1
  for (let round = 0; round < maxRounds; round++) {
    let latestOpenMs = candidateMs
    for (const zone of zones) {
      const window = zone.nextWindowAfter(candidateMs, horizonMs)
      if (window === undefined) return undefined
      latestOpenMs = Math.max(latestOpenMs, window.openMs)
    }
    if (latestOpenMs === candidateMs) return candidateMs
    candidateMs = latestOpenMs
  }
  return undefined
}
