import { schemaProblems, ValidationError, type FieldProblem } from '../../runtime/index.js'
import type { Store } from '../../stores/index.js'
import { PayloadCheck, textOrNull, toCustomer } from '../payload-check.js'
import type { StoreEvent } from '../store-event.js'
import {
  CheckoutUpdatedBody,
  EventTypeBody,
  OrderPlacedBody,
  ShipmentUpdatedBody,
} from './custom-event-bodies.js'
import {
  customAddress,
  customConsent,
  customItems,
  customPhone,
  customUrl,
  eventTime,
} from './custom-event-fields.js'

interface Context {
  readonly store: Pick<Store, 'id' | 'defaultCountry'>
  readonly nowMs: number
}

/** A store event from the API, and what tells a resend of it from a new one. */
export interface CustomEvent {
  readonly event: StoreEvent
  /** Type, id and time: the same update sent twice has the same key. */
  readonly naturalKey: string
}

/**
 * A `POST /v1/events` body as a store event. Throws a {@link ValidationError} listing every
 * bad field of the body's type at once.
 */
export function translateCustomEvent(body: unknown, context: Context): CustomEvent {
  const typeProblems = schemaProblems(EventTypeBody, body)
  if (typeProblems.length > 0) throw new ValidationError(typeProblems)

  switch ((body as { type: string }).type) {
    case 'checkout.updated':
      return checkoutUpdated(body, context)
    case 'order.placed':
      return orderPlaced(body, context)
    default:
      return shipmentUpdated(body, context)
  }
}

function checkoutUpdated(value: unknown, { store, nowMs }: Context): CustomEvent {
  const check = new PayloadCheck(CheckoutUpdatedBody, value)
  const body = check.body
  const updatedAtMs = eventTime(check, body.updated_at, '/updated_at', nowMs)
  const shippingAddress = customAddress(check, body.shipping_address)
  const phone = customPhone(check, body.phone, shippingAddress?.countryCode ?? store.defaultCountry)
  const event: StoreEvent = {
    type: 'checkout.updated',
    storeId: store.id,
    platform: 'custom',
    checkoutId: body.checkout_id,
    phone,
    consent: customConsent(check, body.consent, { phone, updatedAtMs, nowMs }),
    customer: customerOf(body.customer),
    items: customItems(check, body.items),
    totalMicros: check.money(body.total, '/total'),
    currency: check.currency(body.currency, '/currency'),
    recoveryUrl: customUrl(check, body.recovery_url, '/recovery_url'),
    shippingAddress,
    completedAtMs: check.time(body.completed_at, '/completed_at'),
    updatedAtMs,
  }
  return finish(check, event, `${body.checkout_id}:${updatedAtMs}`)
}

function orderPlaced(value: unknown, { store, nowMs }: Context): CustomEvent {
  const check = new PayloadCheck(OrderPlacedBody, value)
  const body = check.body
  const placedAtMs = eventTime(check, body.placed_at, '/placed_at', nowMs)
  const shippingAddress = customAddress(check, body.shipping_address)
  const event: StoreEvent = {
    type: 'order.placed',
    storeId: store.id,
    platform: 'custom',
    orderId: body.order_id,
    orderName: textOrNull(body.order_name) ?? body.order_id,
    checkoutId: textOrNull(body.checkout_id),
    phone: customPhone(check, body.phone, shippingAddress?.countryCode ?? store.defaultCountry),
    customer: customerOf(body.customer),
    items: customItems(check, body.items),
    totalMicros: check.money(body.total, '/total'),
    currency: check.currency(body.currency, '/currency'),
    discountCodes: Array.isArray(body.discount_codes) ? body.discount_codes : [],
    discountMicros:
      body.discount_total === undefined
        ? null
        : check.money(body.discount_total, '/discount_total'),
    shippingAddress,
    placedAtMs,
  }
  return finish(check, event, `${body.order_id}:${placedAtMs}`)
}

function shipmentUpdated(value: unknown, { store, nowMs }: Context): CustomEvent {
  const check = new PayloadCheck(ShipmentUpdatedBody, value)
  const body = check.body
  const updatedAtMs = eventTime(check, body.updated_at, '/updated_at', nowMs)
  const event: StoreEvent = {
    type: 'shipment.updated',
    storeId: store.id,
    platform: 'custom',
    shipmentId: body.shipment_id,
    orderId: body.order_id,
    orderName: textOrNull(body.order_name),
    phone: customPhone(check, body.phone, store.defaultCountry),
    customer: customerOf(body.customer),
    trackingNumber: textOrNull(body.tracking_number),
    trackingUrl: customUrl(check, body.tracking_url, '/tracking_url'),
    trackingCompany: textOrNull(body.tracking_company),
    status: textOrNull(body.status),
    updatedAtMs,
  }
  return finish(check, event, `${body.shipment_id}:${updatedAtMs}`)
}

function customerOf(value: CheckoutUpdatedBody['customer']) {
  return toCustomer({
    firstName: value?.first_name,
    lastName: value?.last_name,
    email: value?.email,
  })
}

function finish(
  check: { readonly problems: readonly FieldProblem[] },
  event: StoreEvent,
  key: string,
): CustomEvent {
  if (check.problems.length > 0) throw new ValidationError(check.problems)
  return { event, naturalKey: `${event.type}:${key}` }
}
