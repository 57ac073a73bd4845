import type { FastifyInstance } from 'fastify';

const API_PATH = /^\/api(\/|$|\?)/;

/**
 * Every /api response: `X-Content-Type-Options: nosniff`, and `Cache-Control: no-store` unless the route
 * chose its own (public figures such as the province list and public statistics are meant to be cached;
 * everything else may carry personal data, which no browser or shared cache should keep).
 */
export function addApiResponseHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (API_PATH.test(request.url)) {
      void reply.header('x-content-type-options', 'nosniff');
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}
