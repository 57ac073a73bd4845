import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { addFormatFilters } from './i18n/format-filters';
import { Environment } from '../config/environment';
import { CSRF_FIELD, submittedCsrfToken } from './session/csrf';
import { ASSETS_DIR, VIEWS_DIR } from './web-paths';

/** Paths that are not web pages: the JSON API (and its Swagger UI), probes and metrics keep their own headers. */
const NOT_PAGES = /^\/(api|health|metrics)(\/|$|\?)/;
export const isWebPage = (url: string) => !NOT_PAGES.test(url);

/**
 * Strict by default: everything from our own origin, nothing inline, no framing. Images may also be
 * blob: URLs, for the photo preview made in the browser before upload. Forms may lead to the e-ID
 * provider too: signing out redirects there (browsers hold a form's redirects to form-action).
 */
export const contentSecurityPolicy = (env: Environment) => ({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'blob:', 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'", ...(env.OIDC_ENABLED && env.OIDC_ISSUER ? [new URL(env.OIDC_ISSUER).origin] : [])],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
  },
});

/**
 * Plugs the web pages into the Fastify server, before Nest registers its routes: cookies, CSRF tokens
 * (checked by CsrfGuard on our form posts only: the JSON API authenticates with bearer tokens, which a
 * browser never sends on its own), helmet's headers with the CSP above on web pages only (Swagger UI
 * needs inline scripts), nunjucks templates, and the CSS and JS served from our own disk.
 */
export async function configureWebServer(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_FIELD,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true },
    getToken: (request: FastifyRequest) => submittedCsrfToken(request),
  });
  await app.register(fastifyHelmet, {
    global: false,
    contentSecurityPolicy: contentSecurityPolicy(app.get(Environment)),
    // Strict-Transport-Security means nothing over plain HTTP and is sent only over TLS (below).
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      if (!isWebPage(request.url)) return done();
      void reply.helmet(request.protocol === 'https' ? undefined : { strictTransportSecurity: false });
      done();
    });
  app.setViewEngine({
    engine: { nunjucks },
    templates: VIEWS_DIR,
    options: {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: addFormatFilters,
    },
  });
  app.useStaticAssets({
    root: ASSETS_DIR,
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1h',
  });
}
