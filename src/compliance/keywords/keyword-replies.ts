import type { ComplianceSettings } from '../../stores/index.js'
import type { KeywordLanguage } from './classify-keyword.js'

/** The texts Nudge sends on its own: keyword answers and the double opt-in request. */
export type ReplyKind = 'opt_out' | 'opt_in' | 'help' | 'double_opt_in'

/**
 * Default texts, `{store}` standing for the store's name. Kept to the GSM-7 alphabet where
 * the language allows, so each fits in one or two segments.
 */
export const DEFAULT_REPLIES: Readonly<
  Record<KeywordLanguage, Readonly<Record<ReplyKind, string>>>
> = {
  en: {
    opt_out:
      '{store}: You are unsubscribed and will receive no more messages. Reply START to resubscribe.',
    opt_in:
      '{store}: You are subscribed again. Msg frequency varies, msg & data rates may apply. Reply HELP for help, STOP to opt out.',
    help: '{store}: Msg & data rates may apply. Reply STOP to unsubscribe, START to resubscribe.',
    double_opt_in:
      '{store}: Reply YES to receive our offers by text. Msg frequency varies, msg & data rates may apply. Reply STOP to opt out.',
  },
  fr: {
    opt_out:
      '{store} : désinscription confirmée, vous ne recevrez plus de messages. Répondez START pour vous réinscrire.',
    opt_in:
      '{store} : vous voilà réinscrit. Répondez STOP pour vous désinscrire, AIDE pour en savoir plus.',
    help: '{store} : répondez STOP pour ne plus recevoir de messages, START pour vous réinscrire.',
    double_opt_in:
      '{store} : répondez YES pour recevoir nos offres par SMS. Répondez STOP pour vous désinscrire.',
  },
  es: {
    opt_out: '{store}: te has dado de baja. Responde START para volver a suscribirte.',
    opt_in:
      '{store}: vuelves a estar suscrito. Responde STOP para darte de baja o AYUDA para obtener ayuda.',
    help: '{store}: responde STOP para darte de baja o START para volver a suscribirte.',
    double_opt_in:
      '{store}: responde YES para recibir nuestras ofertas por SMS. Responde STOP para darte de baja.',
  },
  de: {
    opt_out:
      '{store}: Sie sind abgemeldet und erhalten keine Nachrichten mehr. Antworten Sie START, um sich wieder anzumelden.',
    opt_in:
      '{store}: Sie sind wieder angemeldet. Antworten Sie STOPP zum Abmelden oder HILFE für Hilfe.',
    help: '{store}: Antworten Sie STOPP zum Abmelden oder START, um sich wieder anzumelden.',
    double_opt_in:
      '{store}: Antworten Sie YES, um unsere Angebote per SMS zu erhalten. STOPP zum Abmelden.',
  },
}

/**
 * The text of one automatic reply: the store's own text when it set one (in whatever language
 * it wrote it), else the default in the keyword's language. `{store}` becomes the store's name.
 */
export function replyText(args: {
  readonly kind: ReplyKind
  readonly language: KeywordLanguage
  readonly storeName: string
  readonly settings: ComplianceSettings
}): string {
  const { settings } = args
  const custom: Readonly<Record<ReplyKind, string | null>> = {
    opt_out: settings.replies.optOut,
    opt_in: settings.replies.optIn,
    help: settings.helpText,
    double_opt_in: settings.replies.doubleOptIn,
  }
  const template = custom[args.kind] ?? DEFAULT_REPLIES[args.language][args.kind]
  return template.replaceAll('{store}', args.storeName)
}
