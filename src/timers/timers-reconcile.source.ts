import { Injectable, OnModuleInit } from '@nestjs/common';
import { Reconciler } from '../reconciler/reconciler.service';
import { fireTimers, TimersProcessor } from './timers.processor';

/** Due timers are fired this many at a time: one transaction, one statement per table. */
const AT_ONCE = 500;

/**
 * Timers whose delayed job Redis lost are fired here once they are due: every registered kind says
 * which applications are due, and firing is a no-op for any that moved on meanwhile. An application
 * whose timer fails does not stop the others; the first such error is thrown once all were tried.
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
    const errors: unknown[] = [];
    for (const kind of this.timers.registered()) {
      const due = await kind.due();
      for (let i = 0; i < due.length; i += AT_ONCE) {
        for (const settled of (await fireTimers(kind, due.slice(i, i + AT_ONCE))).values()) {
          if (!settled.ok) errors.push(settled.error);
          else if (settled.value) fired++;
        }
      }
    }
    if (errors.length) throw errors[0];
    return fired;
  }
}
