import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MetricsRegistry } from './metrics-registry';

/** Requests no route matched share one label, so probing random URLs cannot explode the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route pattern (`/api/v1/applications/:id`), never the raw URL: no ids in labels. */
export function routeLabel(request: Pick<FastifyRequest, 'routeOptions'>): string {
  return request.routeOptions?.url ?? UNMATCHED_ROUTE;
}

/**
 * Counts and times every HTTP response with one Fastify onResponse hook, added to the adapter's
 * instance before Nest registers the routes, so no controller or middleware needs to know.
 */
@Injectable()
export class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return; // no HTTP server in this process
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const labels = { method: request.method, route: routeLabel(request), status: String(reply.statusCode) };
      this.metrics.httpRequests.inc(labels);
      this.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
      done();
    });
  }
}
