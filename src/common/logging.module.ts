import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from '../config/environment';
import { loggableError, scrubbedMessage } from './errors/loggable-error';

/**
 * JSON logs with the request id (assigned by Fastify, see bootstrap.ts) on every line.
 * Authorization headers, cookies, bodies, query values and database parameters are never logged.
 */
/** Whatever an error or request object might carry that can hold personal data. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-signature"]',
  'res.headers["set-cookie"]',
  'req.body',
  'req.query',
  'req.params',
  'body',
  'err.query',
  'err.parameters',
  'err.driverError',
  'err.detail',
  'err.where',
  '*.query',
  '*.parameters',
  '*.driverError',
];

/** `/x?q=001090012345&limit=5` → `/x?q=…&limit=…`: which filters were used, never their values. */
export function withoutQueryValues(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const keys = url
    .slice(at + 1)
    .split('&')
    .map((pair) => pair.split('=')[0].slice(0, 40))
    .map((key) => `${key}=…`);
  return `${url.slice(0, at)}?${keys.join('&')}`;
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        pinoHttp: {
          level: env.LOG_LEVEL,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          serializers: {
            // Paths hold only UUIDs; query values may be a citizen ID or name (the staff search `q`).
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: withoutQueryValues(req.url),
            }),
            // Errors logged by jobs and timers: kind, code, frames and a message with values cut out.
            err: (err: unknown) => ({ ...loggableError(err), message: scrubbedMessage(err) }),
          },
          autoLogging: env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace',
        },
      }),
    }),
  ],
})
export class LoggingModule {}
