import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createTemplateRenderer } from './template-renderer.js'
import { TemplateRenderError } from './errors.js'

// Shaped after the shared Shopify checkouts/create fixture: a first name, one line item with a
// variant, a total in micro-units and a recovery link.
const checkoutContext = {
  customer: { first_name: 'Maya', last_name: 'Okafor' },
  checkout: {
    items: [
      { title: 'Trail Runner 2', variant_title: 'Blue / 42', quantity: 1, price: 59_990_000 },
    ],
    total: 64_980_000,
    currency: 'USD',
  },
  recovery_url: 'https://northwind.myshopify.com/548380009/checkouts/ac/c1-7a3f/recover?key=e2b1',
  discount: { code: 'COMEBACK10', value: '10%' },
  store: { name: 'Northwind' },
}

const RECOVERY =
  'Hi {{ customer.first_name | default: "there" }}, your {{ checkout.items[0].title }} is waiting: {{ recovery_url }}'

describe('template renderer', () => {
  const renderer = createTemplateRenderer()

  it('renders the abandoned checkout example with the customer and the first item', async () => {
    assert.equal(
      await renderer.render(RECOVERY, checkoutContext),
      'Hi Maya, your Trail Runner 2 is waiting: ' +
        'https://northwind.myshopify.com/548380009/checkouts/ac/c1-7a3f/recover?key=e2b1',
    )
    assert.deepEqual(renderer.validate(RECOVERY), [])
  })

  it('falls back to the default when the customer has no first name', async () => {
    const context = { ...checkoutContext, customer: { first_name: null, last_name: null } }
    assert.equal(
      await renderer.render(RECOVERY, context),
      'Hi there, your Trail Runner 2 is waiting: ' +
        'https://northwind.myshopify.com/548380009/checkouts/ac/c1-7a3f/recover?key=e2b1',
    )
  })

  it('loops over the items with standard filters', async () => {
    const source =
      '{% for item in checkout.items %}{{ item.quantity }}x {{ item.title | upcase | truncate: 8 }}' +
      ' ({{ item.variant_title }}){% endfor %}, {{ store.name | downcase }}'
    assert.deepEqual(renderer.validate(source), [])
    assert.equal(
      await renderer.render(source, checkoutContext),
      '1x TRAIL... (Blue / 42), northwind',
    )
  })

  it('formats micro-units with the money filter in the checkout currency', async () => {
    const render = (currency: string, micros: number) =>
      renderer.render('{{ checkout.total | money }}', { checkout: { total: micros, currency } })

    assert.equal(await render('USD', 59_990_000), '$59.99')
    assert.equal(await render('EUR', 59_990_000), '€59.99')
    assert.equal(await render('GBP', 1_234_567_500_000), '£1,234,567.50')
    // ISO 4217: the yen has no minor unit, the Bahraini dinar three.
    assert.equal(await render('JPY', 1_234_500_000), '¥1,235')
    assert.equal(await render('BHD', 12_345_000), 'BHD 12.345')
    // A plain space, not the no-break space Intl puts there, which GSM-7 lacks.
    assert.equal(await render('CHF', 5_000_000), 'CHF 5.00')
    assert.equal(await render('USD', 5), '$0.00')
  })

  it('takes the money currency from an argument, then the order, then none', async () => {
    assert.equal(
      await renderer.render('{{ order.total | money: "EUR" }}', { order: { total: 10_500_000 } }),
      '€10.50',
    )
    assert.equal(
      await renderer.render('{{ order.total | money }}', {
        order: { total: 10_500_000, currency: 'GBP' },
      }),
      '£10.50',
    )
    assert.equal(
      await renderer.render('{{ order.total | money }}', { order: { total: 10_500_000 } }),
      '10.50',
    )
  })

  it('never escapes HTML: ampersands and angle brackets stay as written', async () => {
    const text = await renderer.render('{{ store.name }} <3 & {{ "a&b" | upcase }}', {
      store: { name: 'Salt & <Pepper>' },
    })
    assert.equal(text, 'Salt & <Pepper> <3 & A&B')
  })

  it('reports an unknown variable with its line and column', () => {
    assert.deepEqual(renderer.validate('Hi\n  {{ customer.frist_name }} {{ coupon }}'), [
      {
        code: 'UNKNOWN_VARIABLE',
        message: 'unknown variable `customer.frist_name`: fields are first_name, last_name',
        line: 2,
        column: 6,
      },
      {
        code: 'UNKNOWN_VARIABLE',
        message: 'unknown variable `coupon`: `coupon` is not a template variable',
        line: 2,
        column: 32,
      },
    ])
  })

  it('checks a loop variable against the fields of one item', () => {
    const problems = renderer.validate(
      '{% for item in checkout.items %}{{ item.tilte }} {{ forloop.index }}{% endfor %}',
    )
    assert.deepEqual(problems, [
      {
        code: 'UNKNOWN_VARIABLE',
        message: 'unknown variable `item.tilte`: fields are title, quantity, price, variant_title',
        line: 1,
        column: 36,
      },
    ])
  })

  it('reports variables the named flow never has', () => {
    const source = 'Track it: {{ shipment.tracking_url }}'
    assert.deepEqual(renderer.validate(source, { flow: 'shipping_update' }), [])
    assert.deepEqual(renderer.validate(source, { flow: 'abandoned_checkout' }), [
      {
        code: 'UNKNOWN_VARIABLE',
        message:
          'unknown variable `shipment.tracking_url`: `shipment` is not available in ' +
          'abandoned checkout messages',
        line: 1,
        column: 14,
      },
    ])
  })

  it('reports every unknown filter with its position', () => {
    assert.deepEqual(
      renderer.validate('{{ checkout.total | moneyy }} {{ store.name | shout | upcase }}'),
      [
        { code: 'UNKNOWN_FILTER', message: 'unknown filter `moneyy`', line: 1, column: 21 },
        { code: 'UNKNOWN_FILTER', message: 'unknown filter `shout`', line: 1, column: 47 },
      ],
    )
  })

  it('reports a syntax error with where Liquid found it', () => {
    assert.deepEqual(renderer.validate('Hi\n{% if customer.first_name %}Maya'), [
      {
        code: 'SYNTAX',
        message: 'tag {% if customer.first_name %} not closed',
        line: 2,
        column: 1,
      },
    ])
    assert.deepEqual(renderer.validate('Hi {{ store.name'), [
      { code: 'SYNTAX', message: 'output "{{ store.name" not closed', line: 1, column: 4 },
    ])
  })

  it('refuses templates that would read other templates from disk', async () => {
    assert.deepEqual(renderer.validate('x {% include "/etc/passwd" %}'), [
      {
        code: 'SYNTAX',
        message: '`include` is not available: a message template stands alone',
        line: 1,
        column: 3,
      },
    ])
    await assert.rejects(renderer.render('{% render "secrets" %}', {}), TemplateRenderError)
  })

  it('stops a runaway template instead of holding the process', async () => {
    const startedMs = Date.now()
    await assert.rejects(
      renderer.render('{% for i in (1..100000000) %}x{% endfor %}', {}),
      TemplateRenderError,
    )
    await assert.rejects(
      renderer.render(
        '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}' +
          '{{ c }}{% endfor %}{% endfor %}{% endfor %}',
        {},
      ),
      TemplateRenderError,
    )
    assert.ok(Date.now() - startedMs < 2000, 'both renders stopped within their limits')
  })

  it('refuses a template longer than the limit, before parsing it', async () => {
    const long = 'x'.repeat(10_001)
    assert.deepEqual(renderer.validate(long), [
      {
        code: 'SYNTAX',
        message: 'the template is longer than 10000 characters',
        line: null,
        column: null,
      },
    ])
    await assert.rejects(renderer.render(long, {}), TemplateRenderError)
  })

  it('renders an unknown variable as nothing', async () => {
    assert.equal(await renderer.render('[{{ nothing.here }}]', {}), '[]')
  })
})
