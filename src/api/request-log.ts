import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/**
 * One info line per request, written when it completes: method, route pattern (never the
 * raw URL, which may carry a phone number in its query), status and duration. 4xx answers
 * are ordinary business and stay at info; 5xx are logged at error by the error handler.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    _error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request done',
    )
  }
}
