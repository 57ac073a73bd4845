import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment, loadEnvironment, validateEnvironment } from './environment';

/**
 * Loads .env, validates every variable once at boot and provides the typed Environment.
 * Nothing else in src/ reads process.env. Built by forRoot() when the app is assembled, not when this
 * file is imported, so the environment is read as it stands at start-up.
 */
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment })],
      providers: [{ provide: Environment, useFactory: () => loadEnvironment() }],
      exports: [Environment],
    };
  }
}
