import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment, loadEnvironment, validateEnvironment } from './environment';

/**
 * Loads .env, validates every variable once at boot and provides the typed Environment.
 * Nothing else in src/ reads process.env.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment })],
  providers: [{ provide: Environment, useFactory: () => loadEnvironment() }],
  exports: [Environment],
})
export class AppConfigModule {}
