import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { addApiResponseHeaders } from './common/http/api-response-headers';
import {
  answerFastifyErrorsWithProblems,
  fastifyErrorHandler,
  ProblemDetailsFilter,
} from './common/errors/problem-details.filter';
import { ControlCharactersGuard } from './common/input/control-characters';
import { limitJsonDepth } from './common/input/json-depth';
import { createValidationPipe } from './common/validation';
import { loadEnvironment, type ProcessRole } from './config/environment';
import { trustProxySetting } from './config/trusted-proxies';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { mountQueueBoard } from './web/admin/queue-board';
import { configureWebServer } from './web/web-server';

/** Builds the HTTP application (roles api and all), fully configured but not yet listening. */
export async function createHttpApp(role: Exclude<ProcessRole, 'worker'>): Promise<NestFastifyApplication> {
  const env = loadEnvironment();
  const adapter = new FastifyAdapter({
    // Only the proxies named in TRUSTED_PROXIES may set request.ip (rate limits, audit) and protocol.
    trustProxy: trustProxySetting(env.TRUSTED_PROXIES),
    bodyLimit: 1_048_576,
    // One request id per request, taken from a proxy's X-Request-Id when it looks sane; pino logs it.
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // A broken percent-encoding in the path is refused by Fastify's router before Nest sees it.
    frameworkErrors: fastifyErrorHandler(),
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  addApiResponseHeaders(adapter.getInstance());
  answerFastifyErrorsWithProblems(adapter);
  limitJsonDepth(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRole(role), adapter, {
    bufferLogs: true,
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalGuards(new ControlCharactersGuard());
  app.enableShutdownHooks();
  await configureWebServer(app);
  await mountQueueBoard(app);

  const document = buildOpenApiDocument(app);
  // API_DOCS=off: neither Swagger UI nor the JSON document is served.
  if (env.API_DOCS === 'public') {
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
  return app;
}

/** The worker role: queue consumers and timers, no HTTP server. */
export async function createWorkerContext(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRole('worker'), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
