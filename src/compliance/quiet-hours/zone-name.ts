/**
 * The IANA name of `input` when this runtime's ICU knows the zone, else undefined. Letter case
 * is corrected (`europe/paris` → `Europe/Paris`) while a valid alias is kept as written
 * (`Europe/Kyiv` stays, although ICU may prefer `Europe/Kiev`).
 */
export function knownZoneName(input: string): string | undefined {
  let resolved: string
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: input }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
  return resolved.toLowerCase() === input.toLowerCase() ? resolved : input
}
