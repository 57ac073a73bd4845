import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { usePlaceholderEnvironment } from '../config/placeholder-environment';
import { buildOpenApiDocument } from '../openapi/openapi-document';

/**
 * npm run openapi:export -- [FILE] — writes the OpenAPI document (the one /api/docs-json serves) to
 * FILE (default tmp/openapi/openapi.json). The app is assembled in preview mode: the real modules and
 * controllers, no providers created, so neither Postgres nor Redis is needed.
 */
async function main(): Promise<void> {
  const file = resolve(process.argv[2] ?? 'tmp/openapi/openapi.json');
  usePlaceholderEnvironment();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRole('api'),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
    },
  );
  const document = buildOpenApiDocument(app);
  await app.close();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
  console.log(`OpenAPI document written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
