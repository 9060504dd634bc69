import { isErasedPhone } from '../../compliance/index.js'
import type { Trx } from '../../storage/index.js'
import type { CheckoutUpdated, OrderPlaced, ShipmentUpdated } from '../store-event.js'
import {
  checkoutChanges,
  checkoutRow,
  customerOfRow,
  orderRow,
  shipmentChanges,
  shipmentRow,
} from './event-rows.js'

/**
 * Each function records one event as the latest state of its checkout, order or shipment and
 * returns the event to act on, or undefined when it tells nothing new. Platforms deliver at
 * least once and in no set order, so an event older than the recorded state, or the same
 * state again, changes nothing.
 *
 * The first insert of a row is plain: when two processes record the same new checkout at
 * once, the loser's transaction fails on the primary key and the group commit runs it again
 * alone, when it finds the winner's row.
 */

/**
 * A checkout acts when it is new or newer than recorded (`updatedAtMs` moved forward). A
 * checkout an order already completed stays completed, even when a later update does not say.
 */
export async function recordCheckout(
  trx: Trx,
  event: CheckoutUpdated,
  nowMs: number,
): Promise<CheckoutUpdated | undefined> {
  const current = await trx
    .selectFrom('checkouts')
    .select(['changed_at', 'completed_at'])
    .where('store_id', '=', event.storeId)
    .where('checkout_id', '=', event.checkoutId)
    .executeTakeFirst()
  if (current === undefined) {
    await trx.insertInto('checkouts').values(checkoutRow(event, nowMs)).execute()
    return event
  }
  if (Number(current.changed_at) >= event.updatedAtMs) return undefined

  const completedAtMs = current.completed_at === null ? null : Number(current.completed_at)
  const newer = { ...event, completedAtMs: event.completedAtMs ?? completedAtMs }
  const result = await trx
    .updateTable('checkouts')
    .set(checkoutChanges(newer, nowMs))
    .where('store_id', '=', event.storeId)
    .where('checkout_id', '=', event.checkoutId)
    .where('changed_at', '<', event.updatedAtMs)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n ? newer : undefined
}

/**
 * An order acts once: Shopify announces it at creation and again once paid, WooCommerce on
 * every change. Placing it completes the checkout it came from.
 */
export async function recordOrder(
  trx: Trx,
  event: OrderPlaced,
  nowMs: number,
): Promise<OrderPlaced | undefined> {
  const current = await trx
    .selectFrom('orders')
    .select('order_id')
    .where('store_id', '=', event.storeId)
    .where('order_id', '=', event.orderId)
    .executeTakeFirst()
  if (current !== undefined) return undefined

  await trx.insertInto('orders').values(orderRow(event, nowMs)).execute()
  if (event.checkoutId !== null) {
    await trx
      .updateTable('checkouts')
      .set({ completed_at: event.placedAtMs, updated_at: nowMs })
      .where('store_id', '=', event.storeId)
      .where('checkout_id', '=', event.checkoutId)
      .where('completed_at', 'is', null)
      .execute()
  }
  return event
}

/**
 * A shipment acts when it is new, or when its tracking or status changed in a state no older
 * than the recorded one: a WooCommerce order is sent again whenever anything on it changes,
 * and a tracking number already announced is not news. What the shipment does not say about
 * the customer (a Shopify fulfillment names only its order) comes from the recorded order.
 */
export async function recordShipment(
  trx: Trx,
  event: ShipmentUpdated,
  nowMs: number,
): Promise<ShipmentUpdated | undefined> {
  const shipment = await withOrderDetails(trx, event)
  const current = await trx
    .selectFrom('shipments')
    .select(['changed_at', 'tracking_number', 'tracking_url', 'tracking_company', 'status'])
    .where('store_id', '=', event.storeId)
    .where('shipment_id', '=', event.shipmentId)
    .executeTakeFirst()
  if (current === undefined) {
    await trx.insertInto('shipments').values(shipmentRow(shipment, nowMs)).execute()
    return shipment
  }

  const changedAtMs = Number(current.changed_at)
  const isSame =
    current.tracking_number === shipment.trackingNumber &&
    current.tracking_url === shipment.trackingUrl &&
    current.tracking_company === shipment.trackingCompany &&
    current.status === shipment.status
  if (isSame || shipment.updatedAtMs < changedAtMs) return undefined

  const result = await trx
    .updateTable('shipments')
    .set(shipmentChanges(shipment, nowMs))
    .where('store_id', '=', event.storeId)
    .where('shipment_id', '=', event.shipmentId)
    .where('changed_at', '=', changedAtMs)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n ? shipment : undefined
}

async function withOrderDetails(trx: Trx, event: ShipmentUpdated): Promise<ShipmentUpdated> {
  if (event.phone !== null && event.customer !== null && event.orderName !== null) return event
  const order = await trx
    .selectFrom('orders')
    .select(['order_name', 'phone', 'first_name', 'last_name', 'email'])
    .where('store_id', '=', event.storeId)
    .where('order_id', '=', event.orderId)
    .executeTakeFirst()
  if (order === undefined) return event
  // An erased customer's order keeps only the hash of the number, which nothing can text.
  const orderPhone = order.phone === null || isErasedPhone(order.phone) ? null : order.phone
  return {
    ...event,
    orderName: event.orderName ?? order.order_name,
    phone: event.phone ?? orderPhone,
    customer: event.customer ?? customerOfRow(order),
  }
}
