import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from '../config/environment';

/**
 * JSON logs with the request id (assigned by Fastify, see bootstrap.ts) on every line.
 * Authorization headers, cookies and bodies are never logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        pinoHttp: {
          level: env.LOG_LEVEL,
          redact: [
            'req.headers.authorization',
            'req.headers.cookie',
            'req.headers["x-api-key"]',
            'req.headers["x-signature"]',
          ],
          serializers: {
            // URLs may carry query filters but never personal data (ids are UUIDs); keep path and method.
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
          },
          autoLogging: env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace',
        },
      }),
    }),
  ],
})
export class LoggingModule {}
