import { Type, type Static } from 'typebox'

/**
 * Bodies of `POST /v1/events`, for stores on no supported platform (or carts a platform does
 * not report, such as WooCommerce's): one shape per event type, chosen by `type`. Amounts
 * are decimal strings, times ISO 8601 with an offset.
 */

const MaybeText = (maxLength: number, description?: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()], { description }))
const Id = (description: string) => Type.String({ minLength: 1, maxLength: 255, description })
const Amount = (description: string) => Type.String({ maxLength: 20, description })
const Time = (description: string) => Type.String({ maxLength: 40, description })

const CustomerBody = Type.Optional(
  Type.Union([
    Type.Object(
      {
        first_name: MaybeText(200),
        last_name: MaybeText(200),
        email: MaybeText(320),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ]),
)

const ItemBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500 }),
    variant_title: MaybeText(500),
    quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
    price: Amount('Price of one unit, e.g. "24.00"'),
    product_url: MaybeText(2048),
    image_url: MaybeText(2048),
  },
  { additionalProperties: false },
)
const Items = Type.Array(ItemBody, { maxItems: 500 })

const AddressBody = Type.Optional(
  Type.Union([
    Type.Object(
      {
        country_code: MaybeText(2, 'ISO 3166-1 alpha-2'),
        province_code: MaybeText(3, 'ISO 3166-2 subdivision, e.g. "CA"'),
        zip: MaybeText(12),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ]),
)

const Phone = MaybeText(
  40,
  'E.164, or national format in the shipping country or the store’s default country',
)
const Currency = Type.String({ maxLength: 3, description: 'ISO 4217, e.g. "USD"' })

const ConsentBody = Type.Object(
  {
    marketing: Type.Boolean({
      description:
        'true: the customer agreed to SMS marketing (an opt-in); false: they explicitly ' +
        'declined or withdrew (an opt-out of promotions). Leave `consent` out when unknown.',
    }),
    wording: Type.Optional(
      Type.String({ maxLength: 2000, description: 'The consent wording shown; required for true' }),
    ),
    page_url: Type.Optional(Type.String({ maxLength: 2048 })),
    ip: Type.Optional(Type.String({ maxLength: 45 })),
    user_agent: Type.Optional(Type.String({ maxLength: 1000 })),
    collected_at: Type.Optional(Time('When the customer answered; default `updated_at`')),
  },
  { additionalProperties: false },
)

export const CheckoutUpdatedBody = Type.Object(
  {
    type: Type.Literal('checkout.updated'),
    checkout_id: Id('The cart or checkout id; updates of one checkout share it'),
    phone: Phone,
    consent: Type.Optional(Type.Union([ConsentBody, Type.Null()])),
    customer: CustomerBody,
    items: Items,
    total: Amount('The checkout total, e.g. "69.12"'),
    currency: Currency,
    recovery_url: MaybeText(2048, 'Link back to the filled-in cart'),
    shipping_address: AddressBody,
    completed_at: Type.Optional(
      Type.Union([Time('When it became an order'), Type.Null()], {
        description: 'When the checkout became an order',
      }),
    ),
    updated_at: Time('When the checkout last changed; an older update never replaces a newer'),
  },
  { additionalProperties: false },
)
export type CheckoutUpdatedBody = Static<typeof CheckoutUpdatedBody>

export const OrderPlacedBody = Type.Object(
  {
    type: Type.Literal('order.placed'),
    order_id: Id('The order id; an order is recorded once'),
    order_name: MaybeText(255, 'What the customer sees, e.g. "#1001"; default the order id'),
    checkout_id: MaybeText(255, 'The checkout it came from, for attribution'),
    phone: Phone,
    customer: CustomerBody,
    items: Items,
    total: Amount('The order total, e.g. "62.21"'),
    currency: Currency,
    discount_codes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 50 }),
    ),
    discount_total: Type.Optional(Amount('What the discounts took off, e.g. "6.40"')),
    shipping_address: AddressBody,
    placed_at: Time('When the order was placed'),
  },
  { additionalProperties: false },
)
export type OrderPlacedBody = Static<typeof OrderPlacedBody>

export const ShipmentUpdatedBody = Type.Object(
  {
    type: Type.Literal('shipment.updated'),
    shipment_id: Id('The shipment id; updates of one shipment share it'),
    order_id: Id('The order shipped'),
    order_name: MaybeText(255),
    tracking_number: MaybeText(255),
    tracking_url: MaybeText(2048),
    tracking_company: MaybeText(255),
    status: MaybeText(64, 'e.g. "in_transit", "delivered"'),
    phone: Phone,
    customer: CustomerBody,
    updated_at: Time('When the shipment last changed'),
  },
  { additionalProperties: false },
)
export type ShipmentUpdatedBody = Static<typeof ShipmentUpdatedBody>

export const STORE_EVENT_TYPES = ['checkout.updated', 'order.placed', 'shipment.updated'] as const

/** Any of the three, for the API description; requests are checked against their own type. */
export const StoreEventBody = Type.Union([
  CheckoutUpdatedBody,
  OrderPlacedBody,
  ShipmentUpdatedBody,
])

/** The part every body shares: which type it is. */
export const EventTypeBody = Type.Object({
  type: Type.Union(STORE_EVENT_TYPES.map((t) => Type.Literal(t))),
})
