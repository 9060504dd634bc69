import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { createQuietHours, type RecipientPlace } from '../src/compliance/quiet-hours/index.js'

const JUDGES = 100_000
const WARM_UP_JUDGES = 20_000
const STEP_MS = 7 * 60_000
const START_MS = Date.parse('2026-03-02T00:00:00Z')
const POLICY = { startMinute: 480, endMinute: 1260 }

// Number prefixes weighted roughly like a store's audience, with a few hard cases: area codes
// of two zones, toll-free numbers over 42 zones, countries with rules and holidays.
const PREFIXES = [
  ...['+1212', '+1312', '+1415', '+1713', '+1305', '+1602', '+1206', '+1404', '+1617'],
  ...['+1605', '+1208', '+1416', '+1604', '+336', '+337', '+447', '+4915', '+614'],
  ...['+5511', '+5521', '+5255', '+7916', '+7701', '+9198', '+8190', '+3906', '+346'],
]

/**
 * Cost of one `judge` call over varied recipients and instants a week apart, in microseconds.
 * About half the instants fall outside the window, so the release search is part of the cost.
 */
export async function measureQuietHoursCost(): Promise<{ microsPerJudge: number }> {
  const quietHours = await createQuietHours()
  const places = recipients(JUDGES)

  for (let i = 0; i < WARM_UP_JUDGES; i++) {
    quietHours.judge(places[i % places.length] ?? { phone: '' }, POLICY, START_MS + i * STEP_MS)
  }

  let held = 0
  const startedMs = performance.now()
  for (let i = 0; i < places.length; i++) {
    const place = places[i] ?? { phone: '' }
    if (!quietHours.judge(place, POLICY, START_MS + i * STEP_MS).allowed) held++
  }
  const elapsedMs = performance.now() - startedMs
  // Keeps the loop's result alive so the work cannot be optimised away.
  if (held > places.length) throw new Error('more held than judged')

  return { microsPerJudge: (elapsedMs * 1000) / places.length }
}

// Nudge accepts only valid numbers, so invalid candidates are skipped before timing starts.
function recipients(count: number): RecipientPlace[] {
  let seed = 20_260_302
  // A linear congruential generator whose high bits are used, as its low bits repeat quickly.
  const below = (limit: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return Math.floor((seed / 2_147_483_648) * limit)
  }

  const places: RecipientPlace[] = []
  for (let attempt = 0; places.length < count && attempt < count * 50; attempt++) {
    const i = places.length
    const prefix = i % 100 === 7 ? '+1800' : (PREFIXES[below(PREFIXES.length)] ?? '+1212')
    // National numbers differ in length by country; a length that does not fit is skipped.
    const length = prefix.startsWith('+1') ? 12 : 11 + below(4)
    let phone = prefix
    while (phone.length < length) phone += String(below(10))
    if (parsePhoneNumberFromString(phone)?.isValid() !== true) continue

    if (i % 10 === 0) {
      places.push({ phone, shippingAddress: { countryCode: 'US', provinceCode: 'TX' } })
    } else if (i % 25 === 0) {
      places.push({ phone, explicitZone: 'Europe/Paris' })
    } else {
      places.push({ phone })
    }
  }
  return places
}
