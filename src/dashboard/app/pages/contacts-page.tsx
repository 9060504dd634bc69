import { useState } from 'preact/hooks'
import { api, phonePath, query, type Problem } from '../api.js'
import { ProblemNotice } from '../components/problem-notice.js'
import { formatTime } from '../format.js'
import { navigate } from '../router.js'
import type { Contact } from '../types.js'
import { problemOf, useRequest } from '../use-request.js'
import { ConsentHistory } from './contacts/consent-history.js'
import { ContactImport } from './contacts/contact-import.js'

const MARKETING_STATES: Record<Contact['marketing'], string> = {
  none: 'No consent recorded: promotions do not go',
  opted_in: 'Opted in to promotions',
  opted_out: 'Opted out of promotions',
}

/** Look up a number's consent, act on it, and import consent in bulk. */
export function ContactsPage({ params }: { params: URLSearchParams }) {
  const phone = params.get('phone') ?? ''
  const lookup = (event: Event) => {
    event.preventDefault()
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get('phone') ?? '')
    navigate(`/contacts${query({ phone: value.trim() })}`)
  }
  return (
    <>
      <h1>Contacts and consent</h1>
      <form class="filters" role="search" onSubmit={lookup} key={phone}>
        <label class="field">
          Phone number
          <input
            type="search"
            name="phone"
            defaultValue={phone}
            placeholder="+12025550143"
            required
          />
        </label>
        <button type="submit">Look up</button>
      </form>
      {phone !== '' && <ContactCard key={phone} phone={phone} />}
      <ContactImport />
    </>
  )
}

function ContactCard({ phone }: { phone: string }) {
  const contact = useRequest(() => api<Contact>('GET', `/v1/contacts/${phonePath(phone)}`), phone)
  const [problem, setProblem] = useState<Problem>()
  const [done, setDone] = useState<string>()

  const [erased, setErased] = useState(false)
  const act = async (work: () => Promise<unknown>, said: string, reload = true) => {
    setProblem(undefined)
    setDone(undefined)
    try {
      await work()
      setDone(said)
      if (reload) contact.reload()
    } catch (error) {
      setProblem(problemOf(error))
    }
  }

  const optOut = (scope: 'marketing' | 'all') =>
    act(
      () =>
        api('POST', `/v1/contacts/${phonePath(phone)}/consent`, {
          body: {
            action: 'opt_out',
            scope,
            evidence: { wording: 'Opted out by the store from the dashboard' },
          },
        }),
      scope === 'all' ? 'Opted out of every message.' : 'Opted out of promotions.',
    )

  const exportData = () =>
    act(async () => {
      const data = await api<unknown>('GET', `/v1/contacts/${phonePath(phone)}/export`)
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })
      const link = document.createElement('a')
      link.href = URL.createObjectURL(blob)
      link.download = `contact-${phone.replace(/\D/g, '')}.json`
      link.click()
      URL.revokeObjectURL(link.href)
    }, 'Exported.')

  const erase = () => {
    if (
      !window.confirm(
        `Erase ${phone}? Its number and messages are replaced by a hash; the opt-out stays.`,
      )
    )
      return
    void act(
      async () => {
        await api('DELETE', `/v1/contacts/${phonePath(phone)}`)
        setErased(true)
      },
      'Erased: the number and its messages are replaced by a keyed hash. Its opt-out is ' +
        'kept under that hash, so promotions to it stay suppressed.',
      false,
    )
  }

  if (erased)
    return (
      <p class="card notice-ok" role="status">
        {done}
      </p>
    )
  if (contact.problem?.status === 404)
    return (
      <p class="card" role="status">
        Nothing is known of {phone}: no consent, no messages.
      </p>
    )
  return (
    <section class="card" aria-labelledby="contact-title">
      <ProblemNotice problem={problem ?? contact.problem} />
      {done !== undefined && (
        <p class="notice notice-ok" role="status">
          {done}
        </p>
      )}
      {contact.data && (
        <>
          <h2 id="contact-title">{contact.data.phone}</h2>
          <p data-testid="consent-state">
            <strong>{MARKETING_STATES[contact.data.marketing]}</strong>
            {contact.data.opted_out_of_all && ', and of every message, transactional too'}
            {contact.data.consent_changed_at !== null &&
              ` (since ${formatTime(contact.data.consent_changed_at)})`}
          </p>
          <div class="actions">
            <button type="button" onClick={() => optOut('marketing')}>
              Opt out of promotions
            </button>
            <button type="button" onClick={() => optOut('all')}>
              Opt out of everything
            </button>
            <button type="button" onClick={exportData}>
              Export
            </button>
            <button type="button" class="button-danger" onClick={erase}>
              Erase
            </button>
          </div>
          <ConsentHistory records={contact.data.consent_history} />
        </>
      )}
    </section>
  )
}
