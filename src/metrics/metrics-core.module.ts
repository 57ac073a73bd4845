import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics-registry';

/** The registry every process has (workers feed job durations into it); only the api role serves it. */
@Global()
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class MetricsCoreModule {}
