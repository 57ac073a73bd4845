import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { AWAITING_DECISION } from './work-queue.query';

/** The cases a waiting member may be given: their province, and the filters of their claim-next. */
export interface CaseWish {
  province: string;
  outcome: string | null;
  type: string | null;
  /** Supervisors (or a member who asked for them) may be given flagged cases. */
  flaggedToo: boolean;
}

/** How often the office's waiting members are looked for cases, together, while any is waiting. */
export const WAITING_TICK_MS = 1000;

/**
 * Free cases awaiting a decision in the provinces that have members waiting, by what a wish filters on.
 * The queue index (province_code, status, …) answers it; claims that lapsed count as free.
 */
export const WAITING_CASES_SQL = `
  SELECT a.province_code AS province, a.outcome, a.type, count(*)::int AS cases
  FROM applications a
  WHERE a.province_code = ANY($1::char(2)[]) AND a.status = ANY($2::text[])
    AND (a.claimed_by IS NULL OR a.claimed_at <= now() - make_interval(mins => $3))
  GROUP BY 1, 2, 3`;

interface CasesRow {
  province: string;
  outcome: string | null;
  type: string;
  cases: number;
}

interface Waiter {
  wish: CaseWish;
  settle: (woken: boolean) => void;
}

const fits = (wish: CaseWish, row: CasesRow) =>
  row.province === wish.province &&
  (wish.outcome === null || row.outcome === wish.outcome) &&
  (wish.type === null || row.type === wish.type) &&
  (wish.flaggedToo || row.outcome !== 'FLAGGED');

/**
 * Members of staff waiting for the next case (claim-next with `waitSeconds`). Instead of every idle
 * member asking again and again, one read per second looks for free cases in all their provinces at
 * once and wakes, first come first served, as many members as there are cases that fit them: the
 * others sleep on, so colleagues are not all sent racing for one case. Waking only says "try again";
 * the claim itself (FOR UPDATE SKIP LOCKED) still decides who gets a case. Nothing is kept but the
 * waiting requests: a restart ends them with 204, as the wait running out does.
 */
@Injectable()
export class CaseWaiters implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CaseWaiters.name);
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: Environment,
  ) {}

  /** Resolves true when a case that may fit arrived, false when `ms` ran out or `signal` aborted. */
  waitForCase(wish: CaseWish, ms: number, signal: AbortSignal): Promise<boolean> {
    if (this.closed || signal.aborted || ms <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        wish,
        settle: (woken) => {
          clearTimeout(deadline);
          signal.removeEventListener('abort', abort);
          this.remove(waiter);
          resolve(woken);
        },
      };
      const deadline = setTimeout(() => waiter.settle(false), ms);
      const abort = () => waiter.settle(false);
      signal.addEventListener('abort', abort, { once: true });
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  beforeApplicationShutdown(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const waiter of [...this.waiters]) waiter.settle(false);
  }

  private remove(waiter: Waiter): void {
    const at = this.waiters.indexOf(waiter);
    if (at >= 0) this.waiters.splice(at, 1);
  }

  private schedule(): void {
    if (this.timer || this.closed || this.waiters.length === 0) return;
    this.timer = setTimeout(() => void this.tick(), WAITING_TICK_MS);
  }

  private async tick(): Promise<void> {
    try {
      const provinces = [...new Set(this.waiters.map((w) => w.wish.province))];
      if (provinces.length) this.wake(await this.freeCases(provinces));
    } catch (error) {
      // The waiting members sleep on until the next look or their deadline; nothing is lost.
      this.logger.warn(`Looking for cases for waiting staff failed: ${(error as Error).message}`);
    } finally {
      this.timer = null;
      this.schedule();
    }
  }

  private freeCases(provinces: string[]): Promise<CasesRow[]> {
    return this.db.query<CasesRow[]>(WAITING_CASES_SQL, [
      provinces,
      AWAITING_DECISION,
      this.env.CLAIM_TTL_MINUTES,
    ]);
  }

  /** Wakes the longest waiting members first, one per free case that fits them. */
  private wake(rows: CasesRow[]): void {
    for (const waiter of [...this.waiters]) {
      const row = rows.find((r) => r.cases > 0 && fits(waiter.wish, r));
      if (!row) continue;
      row.cases--;
      waiter.settle(true);
    }
  }
}
