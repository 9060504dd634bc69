/**
 * Quiet hours: whether a message may go now in the recipient's own time zone, and if not,
 * the first instant it may. Judging is synchronous and cheap; all data (zone maps, country
 * rules, holidays) is loaded once by {@link createQuietHours}.
 */

/** What is known about where a recipient is, best source first. */
export interface RecipientPlace {
  /** E.164 number, e.g. `+12125550123`. */
  readonly phone: string
  /** IANA zone recorded on the contact, e.g. `Europe/Paris`; wins over everything else. */
  readonly explicitZone?: string | null
  /** The shipping address the store sent with a checkout or order. */
  readonly shippingAddress?: {
    readonly countryCode?: string | null
    readonly provinceCode?: string | null
    readonly zip?: string | null
  } | null
}

/** A store's sending window, in the recipient's local time, every day. */
export interface QuietHoursPolicy {
  /** Minutes after local midnight from which sending is allowed; 480 = 08:00. */
  readonly startMinute: number
  /** Minutes after local midnight from which sending stops; 1260 = 21:00. */
  readonly endMinute: number
}

export type ZoneSource = 'contact' | 'shipping_address' | 'phone_number'

export interface QuietHoursVerdict {
  readonly allowed: boolean
  /**
   * When not allowed: the earliest instant at which every candidate zone allows sending. Null
   * when allowed, and when no such instant exists within 14 days (`rule` is then `no_window`,
   * or `zone_unknown` when nothing places the recipient).
   */
  readonly releaseAtMs: number | null
  /** Candidate zones; several when the number alone cannot narrow them. */
  readonly zones: readonly string[]
  readonly zoneSource: ZoneSource
  /** Local wall-clock time in each zone when judged, ISO 8601 with offset. */
  readonly localTimes: readonly string[]
  /**
   * The rule that decided: `allowed`, `store_hours`, `country:FR:hours`, `country:FR:sunday`
   * (any weekday name), `country:FR:holiday`, `no_window` or `zone_unknown`.
   */
  readonly rule: string
}

export interface QuietHours {
  judge(place: RecipientPlace, policy: QuietHoursPolicy, atMs: number): QuietHoursVerdict
}
