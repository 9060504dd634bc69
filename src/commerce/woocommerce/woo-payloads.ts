import { Type, type Static } from 'typebox'

/**
 * The parts of a WooCommerce order (REST API v3, the body of `order.created` and
 * `order.updated` webhooks) Nudge reads; anything else is left alone. Money totals are
 * decimal strings, line item prices numbers; `_gmt` times are UTC without a zone.
 */

const MaybeText = Type.Optional(Type.Union([Type.String(), Type.Null()]))
const Money = Type.Union([Type.String(), Type.Number()])

const WooAddress = Type.Object({
  first_name: MaybeText,
  last_name: MaybeText,
  email: MaybeText,
  phone: MaybeText,
  country: MaybeText,
  state: MaybeText,
  postcode: MaybeText,
})

const WooLineItem = Type.Object({
  name: Type.String(),
  quantity: Type.Integer({ minimum: 0 }),
  /** Unit price after discounts, a number. */
  price: Type.Optional(Type.Union([Money, Type.Null()])),
  total: Type.Optional(Money),
  /** `{ id, src }` in recent versions. */
  image: Type.Optional(Type.Unknown()),
})

export const WooOrder = Type.Object({
  id: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ minLength: 1 })]),
  number: MaybeText,
  status: Type.String(),
  currency: Type.String(),
  total: Money,
  discount_total: Type.Optional(Money),
  date_created_gmt: Type.String(),
  date_modified_gmt: MaybeText,
  date_paid_gmt: MaybeText,
  billing: Type.Optional(Type.Union([WooAddress, Type.Null()])),
  shipping: Type.Optional(Type.Union([WooAddress, Type.Null()])),
  line_items: Type.Array(WooLineItem),
  coupon_lines: Type.Optional(Type.Array(Type.Object({ code: Type.String() }))),
  meta_data: Type.Optional(Type.Array(Type.Object({ key: Type.String(), value: Type.Unknown() }))),
})
export type WooOrder = Static<typeof WooOrder>
