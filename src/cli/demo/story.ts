import type { ScaledClock } from '../../runtime/index.js'
import { DemoFailure, type Deadline } from './deadline.js'
import type { Narrator } from './narrator.js'
import { checkoutPayload, describeItems, orderPayload, type CheckoutFields } from './payloads.js'
import { postShopifyWebhook } from './shopify-replay.js'
import { waitForText, type ReceivedText } from './simulator-inbox.js'
import type { StoreApi } from './store-api.js'

export interface Scene {
  readonly apiUrl: string
  /** The SMSC simulator's control API. */
  readonly control: string
  readonly storeId: string
  readonly platformSecret: string
  readonly api: StoreApi
  readonly clock: ScaledClock
  readonly deadline: Deadline
  readonly narrator: Narrator
}

export interface StoryOutcome {
  readonly reminder: ReceivedText
  readonly shortLink: string
  readonly confirmation: ReceivedText
  readonly orderName: string
}

interface RunsPage {
  readonly data: readonly {
    readonly status: string
    readonly reason: string | null
    readonly order_id: string | null
    readonly steps: readonly {
      position: number
      due_at: string | null
      message_id: string | null
    }[]
  }[]
}

interface MessageResource {
  readonly status: string
  readonly encoding: string
  readonly segments: number
  readonly price: { readonly amount: string; readonly currency: string }
}

const MINUTE = 60_000
/** How much faster than real time the clock runs while the story skips ahead. */
const FAST_RATE = 600
const PHONE_BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 ' +
  '(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'

/** Checkout, reminder, click and order, told as they happen. */
export async function tellStory(scene: Scene): Promise<StoryOutcome> {
  const { narrator, clock } = scene
  const { body: checkoutBody, fields: checkout } = checkoutPayload()
  const name = checkout.customer.first_name
  await deliver(scene, 'checkouts/create', checkoutBody)
  narrator.event(
    `Shopify → checkouts/create: ${name} ${checkout.customer.last_name} ` +
      `(${checkout.sms_marketing_phone}) leaves her cart`,
    `${describeItems(checkout)}, total ${checkout.total_price} ${checkout.currency}`,
    `SMS marketing box ticked: ${checkout.buyer_accepts_sms_marketing ? 'yes' : 'no'}; ` +
      'signed with the platform secret, answered 200',
  )
  const dueAtMs = await firstStepDue(scene)
  narrator.event(
    `Nudge starts an abandoned-checkout run; its first text is due at ${narrator.timeOf(dueAtMs)}`,
  )

  narrator.say()
  narrator.say(`  ⏩  the clock runs ${FAST_RATE}× faster until then …`)
  narrator.say()
  clock.fastForward(dueAtMs, FAST_RATE)
  const reminder = await waitForText(scene.control, checkout.sms_marketing_phone, 0, scene.deadline)
  narrator.event(`The SMSC simulator receives a text from ${reminder.from} to ${reminder.to}:`)
  narrator.quote(reminder.text)
  const shortLink = checkReminder(scene, checkout, reminder.text)
  await statusOfFirstStep(scene)

  const target = await click(scene, shortLink)
  narrator.event(
    `${name} taps the link: GET ${new URL(shortLink).pathname} → 302, click recorded`,
    `Location: ${target}`,
  )

  narrator.say()
  narrator.say(`  ⏩  ${name} pays a few minutes later …`)
  narrator.say()
  clock.fastForward(clock.now() + 4 * MINUTE, FAST_RATE)
  await scene.deadline.pause((4 * MINUTE) / FAST_RATE + 100, 'the clock did not move on')
  const { body: orderBody, fields: order } = orderPayload(clock.now())
  await deliver(scene, 'orders/create', orderBody)
  narrator.event(
    `Shopify → orders/create: order ${order.name} for checkout ${order.checkout_token.slice(0, 8)}…, ` +
      `total ${order.total_price} ${order.currency}`,
  )
  const confirmation = await waitForText(
    scene.control,
    checkout.sms_marketing_phone,
    reminder.nextIndex,
    scene.deadline,
  )
  narrator.event('The order confirmation reaches the SMSC simulator:')
  narrator.quote(confirmation.text)
  await checkConverted(scene)
  return { reminder, shortLink, confirmation, orderName: order.name }
}

async function deliver(scene: Scene, topic: string, body: string): Promise<void> {
  const answer = await postShopifyWebhook({
    apiUrl: scene.apiUrl,
    storeId: scene.storeId,
    secret: scene.platformSecret,
    topic,
    body,
  })
  if (answer.status !== 200 || answer.body.outcome === 'ignored') {
    throw new DemoFailure(
      `Nudge answered ${topic} with ${answer.status}: ${JSON.stringify(answer.body)}`,
    )
  }
}

async function latestRun(scene: Scene): Promise<RunsPage['data'][number]> {
  const page = await scene.api.get<RunsPage>('/v1/flows/abandoned_checkout/runs?limit=1')
  const run = page.data[0]
  if (run === undefined) throw new DemoFailure('the checkout started no abandoned-checkout run')
  return run
}

async function firstStepDue(scene: Scene): Promise<number> {
  const run = await latestRun(scene)
  const dueAt = run.steps.find((s) => s.position === 1)?.due_at
  if (run.status !== 'active' || dueAt == null) {
    throw new DemoFailure(`the run is ${run.status} (${run.reason ?? 'no reason'}), not waiting`)
  }
  return Date.parse(dueAt)
}

/** The reminder names the customer and the product, and carries a short link on the store. */
function checkReminder(scene: Scene, checkout: CheckoutFields, text: string): string {
  const product = checkout.line_items[0]!.title
  const link = new RegExp(`${scene.apiUrl.replace(/[.]/g, '\\.')}/r/[0-9A-Za-z]{7}`).exec(text)
  if (!text.includes(checkout.customer.first_name) || !text.includes(product) || link === null) {
    throw new DemoFailure(`the reminder lacks the name, the product or a short link: ${text}`)
  }
  return link[0]
}

async function statusOfFirstStep(scene: Scene): Promise<void> {
  const run = await latestRun(scene)
  const messageId = run.steps.find((s) => s.position === 1)?.message_id
  if (messageId == null) throw new DemoFailure('the first step has no message')
  let message = await scene.api.get<MessageResource>(`/v1/messages/${messageId}`)
  while (message.status !== 'delivered') {
    await scene.deadline.pause(100, `message ${messageId} was not delivered`)
    message = await scene.api.get<MessageResource>(`/v1/messages/${messageId}`)
  }
  scene.narrator.event(
    `Nudge: ${messageId} is delivered (the SMSC sent its receipt): ${message.encoding}, ` +
      `${message.segments} segment${message.segments === 1 ? '' : 's'}, ${message.price.amount} ${message.price.currency}`,
  )
}

/** Opens the short link as a phone would, without following it off this machine. */
async function click(scene: Scene, shortLink: string): Promise<string> {
  const res = await fetch(shortLink, {
    redirect: 'manual',
    headers: { 'user-agent': PHONE_BROWSER },
    signal: AbortSignal.timeout(10_000),
  })
  await res.body?.cancel()
  const location = res.headers.get('location')
  if (res.status !== 302 || location === null) {
    throw new DemoFailure(`the short link answered ${res.status}, not a redirect`)
  }
  return location
}

async function checkConverted(scene: Scene): Promise<void> {
  const run = await latestRun(scene)
  if (run.status !== 'converted') {
    throw new DemoFailure(`the run is ${run.status}, not converted by the order`)
  }
  scene.narrator.event(
    `Nudge: the run is ${run.status} (${run.reason ?? ''}), order ${run.order_id ?? '?'}; ` +
      'no further reminder will go',
  )
}
