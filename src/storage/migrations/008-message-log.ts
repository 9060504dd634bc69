import { sql, type Kysely } from 'kysely'

/**
 * Indexes for what the dashboard reads often: a store's message log filtered by direction,
 * by gate reason or by a number on the sending side, newest first; one message's events in
 * order; the segments a route submitted in the last seconds; a store's latest webhooks; and
 * the flow step behind each message, which the analytics join on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('messages_store_direction')
    .on('messages')
    .columns(['store_id', 'direction', 'id'])
    .execute()
  // Most messages have no reason, so only those with one are in this index.
  await db.schema
    .createIndex('messages_store_reason')
    .on('messages')
    .columns(['store_id', 'reason', 'id'])
    .where(sql.ref('reason'), 'is not', null)
    .execute()
  // A number is looked for on both sides of a message; the receiving side has its index.
  await db.schema
    .createIndex('messages_store_sender')
    .on('messages')
    .columns(['store_id', 'sender', 'id'])
    .execute()

  // Analytics go from a period's messages to their flow steps; without this index each
  // message had the planner read every run of the store.
  await db.schema
    .createIndex('flow_steps_message')
    .on('flow_steps')
    .columns(['message_id'])
    .execute()

  await db.schema
    .createIndex('message_events_message')
    .on('message_events')
    .columns(['message_id', 'seq'])
    .execute()

  await db.schema
    .createIndex('message_segments_route_submitted')
    .on('message_segments')
    .columns(['route_id', 'submitted_at'])
    .execute()

  await db.schema
    .createIndex('store_event_deliveries_received')
    .on('store_event_deliveries')
    .columns(['store_id', 'received_at'])
    .execute()
}
