import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { findLink, isLinkCode, recordClick } from '../../automation/links/index.js'
import { NotFoundError } from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import { ProblemSchema } from '../schemas.js'

/**
 * Short links: public, since the recipient's phone opens them. Every visit is recorded before
 * the redirect (a relaxed commit: no fsync wait), so a click is counted even when the visitor
 * leaves at once.
 */
export function linkRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const hashIp = (ip: string) => deps.hasher.text(`ip:${ip}`)

  app.get(
    '/r/:code',
    {
      schema: {
        summary: 'Follow a short link',
        description:
          'Redirects (302) to the link’s target and records the click with the user agent and ' +
          'a keyed hash of the IP address (never the address). Link previews and crawlers ' +
          '(facebookexternalhit, Slackbot, WhatsApp, TelegramBot, …) and HEAD requests are ' +
          'recorded as bot clicks, which analytics leave out. No API key.',
        tags: ['links'],
        security: [],
        params: Type.Object({ code: Type.String() }),
        response: {
          302: Type.Null({ description: 'Location: the target URL' }),
          404: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      const link = isLinkCode(code) ? await findLink(deps.db, code) : undefined
      if (link === undefined) throw new NotFoundError('link', code)

      try {
        const { isBot } = await deps.groupCommit.run(
          (trx) =>
            recordClick(trx, {
              link,
              nowMs: deps.clock.now(),
              userAgent: request.headers['user-agent'],
              ip: request.ip,
              isProbe: request.method === 'HEAD',
              hashIp,
            }),
          'relaxed',
        )
        request.log.debug({ code, storeId: link.storeId, isBot }, 'link clicked')
      } catch (err) {
        // The visitor still gets where they were going; only the count misses this click.
        request.log.error({ err, code, storeId: link.storeId }, 'click not recorded')
      }

      // no-store: a browser or proxy that cached the redirect would hide later clicks.
      return reply
        .code(302)
        .header('location', link.targetUrl)
        .header('cache-control', 'no-store')
        .send()
    },
  )
}
