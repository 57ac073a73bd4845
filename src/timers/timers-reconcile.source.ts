import { Injectable, OnModuleInit } from '@nestjs/common';
import { Reconciler } from '../reconciler/reconciler.service';
import { TimersProcessor } from './timers.processor';

/**
 * Timers whose delayed job Redis lost are fired here once they are due: every registered kind says
 * which applications are due, and firing is a no-op for any that moved on meanwhile.
 */
@Injectable()
export class TimersReconcileSource implements OnModuleInit {
  constructor(
    private readonly reconciler: Reconciler,
    private readonly timers: TimersProcessor,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({ name: 'timers', run: () => this.run() });
  }

  async run(): Promise<number> {
    let fired = 0;
    for (const kind of this.timers.registered()) {
      for (const id of await kind.due()) if (await kind.fire(id)) fired++;
    }
    return fired;
  }
}
