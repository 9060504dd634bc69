import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ComplianceGate, createQuietHours, KeyedHasher } from '../src/compliance/index.js'
import type { MessageRow } from '../src/messaging/index.js'
import { newId, systemClock } from '../src/runtime/index.js'
import { migrate, openSqlite, type ContactTable, type Db } from '../src/storage/index.js'
import { StoreRegistry, type Store } from '../src/stores/index.js'

const CONTACTS = 100_000
const DECISIONS = 20_000
const WARM_UP_DECISIONS = 2_000
/** Decisions per transaction, about what one group-commit batch holds under load. */
const BATCH = 100
const ROWS_PER_INSERT = 500
/** 10:30 in New York, 07:30 in Los Angeles: some promotions go, some are held. */
const NOW_MS = Date.parse('2026-11-27T15:30:00Z')
const HOUR_MS = 3600_000
const AREA_CODES = ['212', '312', '415', '713', '305', '602', '206', '404', '617', '202', '503']

/**
 * Cost of one gate decision against a store with 100,000 contacts and a message history, in
 * microseconds: finding the contact (and an erased one under the number's hash), the frequency
 * cap count, quiet hours and writing the audit row. Promotions and transactional messages are
 * mixed, most recipients opted in, some opted out or never asked, some capped. Only the time
 * inside the gate is counted; the commit, which the accepting transaction pays once per batch
 * for the message and its decision together, is not.
 */
export async function measureGateCost(): Promise<{ microsPerDecision: number; contacts: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'nudge-gate-cost-'))
  const { db, close } = openSqlite({ file: join(dir, 'gate.db') })
  try {
    await migrate(db)
    const { store } = await new StoreRegistry({ db, clock: systemClock }).create('Bench')
    const phones = await fillContacts(db, store.id)
    const gate = new ComplianceGate({
      quietHours: await createQuietHours(),
      hasher: new KeyedHasher('bench-erasure-key-0123456789abcdefghij'),
    })

    await decide(db, { gate, store, phones, count: WARM_UP_DECISIONS, seed: 1 })
    const elapsedMs = await decide(db, { gate, store, phones, count: DECISIONS, seed: 2 })
    return { microsPerDecision: (elapsedMs * 1000) / DECISIONS, contacts: CONTACTS }
  } finally {
    await close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Contacts with one promotion each two days ago, and one in the last hour for every tenth. */
async function fillContacts(db: Db, storeId: string): Promise<string[]> {
  const phones: string[] = []
  for (let i = 0; i < CONTACTS; i++) {
    const area = AREA_CODES[i % AREA_CODES.length]!
    phones.push(`+1${area}${String(2_000_000 + i * 79).padStart(7, '0')}`)
  }

  for (let start = 0; start < CONTACTS; start += ROWS_PER_INSERT) {
    const slice = phones.slice(start, start + ROWS_PER_INSERT)
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('contacts')
        .values(slice.map((phone, i) => contactRow(storeId, phone, start + i)))
        .execute()
      await trx
        .insertInto('messages')
        .values(
          slice.map((phone, i) =>
            messageRow({
              storeId,
              phone,
              category: 'marketing',
              createdAtMs: NOW_MS - ((start + i) % 10 === 0 ? HOUR_MS : 48 * HOUR_MS),
              status: 'delivered',
            }),
          ),
        )
        .execute()
    })
  }
  return phones
}

async function decide(
  db: Db,
  args: { gate: ComplianceGate; store: Store; phones: string[]; count: number; seed: number },
): Promise<number> {
  let seed = args.seed
  const next = (limit: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return Math.floor((seed / 2_147_483_648) * limit)
  }

  let insideMs = 0
  for (let done = 0; done < args.count; done += BATCH) {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < BATCH; i++) {
        const message = messageRow({
          storeId: args.store.id,
          phone: args.phones[next(args.phones.length)]!,
          category: next(10) < 7 ? 'marketing' : 'transactional',
          createdAtMs: NOW_MS,
          status: 'queued',
        })
        const startedMs = performance.now()
        await args.gate.check(trx, { store: args.store, message, nowMs: NOW_MS })
        insideMs += performance.now() - startedMs
      }
    })
  }
  return insideMs
}

function contactRow(storeId: string, phone: string, i: number): ContactTable {
  // Six in ten opted in, two opted out (one of them of everything), two never asked.
  const kind = i % 10
  return {
    store_id: storeId,
    phone,
    marketing: kind < 6 ? 'opted_in' : kind < 8 ? 'opted_out' : 'none',
    opted_out_all: kind === 7 ? 1 : 0,
    consent_changed_at: kind < 8 ? NOW_MS - 30 * 24 * HOUR_MS : null,
    consent_records: kind < 8 ? 1 : 0,
    pending_opt_in: null,
    time_zone: kind === 1 ? 'America/Chicago' : null,
    shipping_country: null,
    shipping_province: null,
    shipping_zip: null,
    erased_at: null,
    created_at: NOW_MS,
    updated_at: NOW_MS,
  }
}

function messageRow(args: {
  storeId: string
  phone: string
  category: 'marketing' | 'transactional'
  createdAtMs: number
  status: MessageRow['status']
}): MessageRow {
  return {
    id: newId('msg', args.createdAtMs),
    store_id: args.storeId,
    direction: 'outbound',
    recipient: args.phone,
    sender: '+12025550100',
    body: 'Winter sale: 20% off everything',
    encoding: 'GSM-7',
    segment_count: 1,
    price_micros: 7900,
    currency: 'USD',
    country: 'US',
    category: args.category,
    status: args.status,
    reason: null,
    error_code: null,
    error_message: null,
    send_at: null,
    status_callback: null,
    metadata: null,
    route_id: null,
    due_at: args.createdAtMs,
    attempts: 0,
    concat_ref: 0,
    created_at: args.createdAtMs,
    updated_at: args.createdAtMs,
    sent_at: null,
    done_at: null,
  }
}
