/**
 * A store's compliance settings with every default filled in. Stored as JSON on the store;
 * the compliance gate and the keyword replies read them from the {@link Store}.
 */
export interface ComplianceSettings {
  /**
   * The recipient-local window in which promotions may go, in minutes after local midnight:
   * from `startMinute` up to `endMinute`. Default 480–1260, 08:00–21:00, every day.
   */
  readonly quietHours: { readonly startMinute: number; readonly endMinute: number }
  /** Holds transactional messages in quiet hours too. Default false: they go at once. */
  readonly quietHoursForTransactional: boolean
  /**
   * At most `messages` promotions per recipient in any rolling `windowMs`; null for no cap.
   * Default 1 per 24 hours.
   */
  readonly frequencyCap: { readonly messages: number; readonly windowMs: number } | null
  /** The answer to HELP and INFO; null for the default in the keyword's language. */
  readonly helpText: string | null
  /** Replies to keywords and the double opt-in request; null for the default texts. */
  readonly replies: {
    readonly optOut: string | null
    readonly optIn: string | null
    readonly doubleOptIn: string | null
  }
}

export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = Object.freeze({
  quietHours: Object.freeze({ startMinute: 8 * 60, endMinute: 21 * 60 }),
  quietHoursForTransactional: false,
  frequencyCap: Object.freeze({ messages: 1, windowMs: 24 * 3600_000 }),
  helpText: null,
  replies: Object.freeze({ optOut: null, optIn: null, doubleOptIn: null }),
})

/**
 * Settings from their stored JSON over the defaults, so a setting added later reads as its
 * default on stores saved before it existed. The JSON was checked when it was written.
 */
export function parseComplianceSettings(json: string | null): ComplianceSettings {
  if (json === null) return DEFAULT_COMPLIANCE_SETTINGS
  const stored = JSON.parse(json) as Partial<ComplianceSettings>
  const defaults = DEFAULT_COMPLIANCE_SETTINGS
  return {
    quietHours: { ...defaults.quietHours, ...stored.quietHours },
    quietHoursForTransactional:
      stored.quietHoursForTransactional ?? defaults.quietHoursForTransactional,
    frequencyCap: stored.frequencyCap === undefined ? defaults.frequencyCap : stored.frequencyCap,
    helpText: stored.helpText ?? null,
    replies: { ...defaults.replies, ...stored.replies },
  }
}
