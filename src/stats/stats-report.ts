import { PROVINCES } from '../records/provinces.data';
import { daysOf, STATS_TIME_ZONE, StatsPeriod } from './stats-period';

/** Event counts per day and province, as the rollup names them (see migrations/…-Stats.ts). */
export const EVENT_METRICS = {
  received: 'received',
  paid: 'paid',
  approved: 'approved',
  rejected: 'rejected',
  issued: 'issued',
  handedToPost: 'handed_to_post',
  delivered: 'delivered',
  returnedToOffice: 'returned_to_office',
  /** Decisions on cases that had a deadline (complete applications), and those made by it. */
  decidedWithDeadline: 'decided_with_deadline',
  decidedWithinDeadline: 'decided_within_deadline',
} as const;
export type EventName = keyof typeof EVENT_METRICS;
export type EventCounts = Record<EventName, number>;

/** States an application is still moving through; counted as they stand now, not per day. */
export const IN_FLIGHT_STATUSES = [
  'AWAITING_PAYMENT',
  'CHECKING',
  'NEEDS_ATTENTION',
  'PENDING_REVIEW',
  'NEEDS_INFO',
  'APPROVED',
  'ISSUED',
  'IN_DELIVERY',
  'RETURNED_TO_OFFICE',
] as const;
export type InFlightStatus = (typeof IN_FLIGHT_STATUSES)[number];

/** One summed rollup cell: the whole scope, one province, or one day (GROUPING SETS). */
export interface CountRow {
  level: 'total' | 'province' | 'day';
  key: string | null;
  metric: string;
  n: number;
}

export interface DurationSummary {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface DurationRow {
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

export interface StateCountRow {
  provinceCode: string;
  status: string;
  n: number;
}

export interface StaffStatsReport {
  period: { from: string; to: string; timeZone: string };
  provinceCode: string | null;
  totals: EventCounts;
  byProvince: ({ provinceCode: string; name: string } & EventCounts)[];
  byDay: ({ day: string } & EventCounts)[];
  processingTimes: { paymentToDecision: DurationSummary; paymentToDelivery: DurationSummary };
  deadline: { decided: number; decidedWithinDeadline: number; shareWithinDeadline: number | null };
  current: {
    asOf: string;
    byStatus: Record<InFlightStatus, number>;
    byProvince: { provinceCode: string; byStatus: Record<InFlightStatus, number> }[];
  };
}

const METRIC_TO_EVENT = new Map<string, EventName>(
  Object.entries(EVENT_METRICS).map(([event, metric]) => [metric, event as EventName]),
);

const zeroCounts = (): EventCounts =>
  Object.fromEntries(Object.keys(EVENT_METRICS).map((k) => [k, 0])) as EventCounts;
const zeroStatuses = (): Record<InFlightStatus, number> =>
  Object.fromEntries(IN_FLIGHT_STATUSES.map((s) => [s, 0])) as Record<InFlightStatus, number>;

/** Seconds to hours with two decimals; null when there was nothing to measure. */
export const toHours = (seconds: number | null): number | null =>
  seconds === null ? null : Math.round(seconds / 36) / 100;

export function summariseDuration(row: DurationRow): DurationSummary {
  return { count: row.count, medianHours: toHours(row.p50Seconds), p90Hours: toHours(row.p90Seconds) };
}

/** Provinces a report lists: the one in scope, or all 34 (zeros included, so every table is complete). */
export function provincesIn(provinceCode: string | null): { code: string; name: string }[] {
  return PROVINCES.filter((p) => provinceCode === null || p.code === provinceCode).map((p) => ({
    code: p.code,
    name: p.name,
  }));
}

/** Spreads summed rollup cells into totals, a row per province and a row per day, zeros filled in. */
export function tabulateCounts(
  rows: CountRow[],
  provinces: { code: string; name: string }[],
  days: string[],
): { totals: EventCounts; byProvince: Map<string, EventCounts>; byDay: Map<string, EventCounts> } {
  const totals = zeroCounts();
  const byProvince = new Map(provinces.map((p) => [p.code, zeroCounts()]));
  const byDay = new Map(days.map((d) => [d, zeroCounts()]));
  for (const row of rows) {
    const event = METRIC_TO_EVENT.get(row.metric);
    if (!event) continue;
    const target =
      row.level === 'total' ? totals : (row.level === 'province' ? byProvince : byDay).get(row.key ?? '');
    if (target) target[event] += row.n;
  }
  return { totals, byProvince, byDay };
}

export function buildStaffReport(input: {
  period: Required<{ from: string; to: string }>;
  provinceCode: string | null;
  counts: CountRow[];
  inFlight: StateCountRow[];
  paymentToDecision: DurationRow;
  paymentToDelivery: DurationRow;
  asOf: Date;
}): StaffStatsReport {
  const provinces = provincesIn(input.provinceCode);
  const { totals, byProvince, byDay } = tabulateCounts(input.counts, provinces, daysOf(input.period));
  const current = zeroStatuses();
  const currentByProvince = new Map(provinces.map((p) => [p.code, zeroStatuses()]));
  for (const row of input.inFlight) {
    const status = row.status as InFlightStatus;
    if (!(status in current)) continue;
    current[status] += row.n;
    const province = currentByProvince.get(row.provinceCode);
    if (province) province[status] += row.n;
  }
  const decided = totals.decidedWithDeadline;
  return {
    period: { ...input.period, timeZone: STATS_TIME_ZONE },
    provinceCode: input.provinceCode,
    totals,
    byProvince: provinces.map((p) => ({ provinceCode: p.code, name: p.name, ...byProvince.get(p.code)! })),
    byDay: [...byDay].map(([day, counts]) => ({ day, ...counts })),
    processingTimes: {
      paymentToDecision: summariseDuration(input.paymentToDecision),
      paymentToDelivery: summariseDuration(input.paymentToDelivery),
    },
    deadline: {
      decided,
      decidedWithinDeadline: totals.decidedWithinDeadline,
      shareWithinDeadline:
        decided === 0 ? null : Math.round((totals.decidedWithinDeadline / decided) * 10_000) / 10_000,
    },
    current: {
      asOf: input.asOf.toISOString(),
      byStatus: current,
      byProvince: provinces.map((p) => ({ provinceCode: p.code, byStatus: currentByProvince.get(p.code)! })),
    },
  };
}

/** The figures the ministry publishes. "Returned by post" = cards the postal partner delivered. */
export const PUBLIC_METRICS = {
  applicationsReceived: EVENT_METRICS.received,
  licencesIssued: EVENT_METRICS.issued,
  licencesReturnedByPost: EVENT_METRICS.delivered,
} as const;
export type PublicCounts = Record<keyof typeof PUBLIC_METRICS, number>;

export interface PublicStatsReport {
  period: { from: string | null; to: string; timeZone: string };
  totals: PublicCounts;
  byProvince: ({ provinceCode: string; name: string } & PublicCounts)[];
}

export function buildPublicReport(period: StatsPeriod, counts: CountRow[]): PublicStatsReport {
  const provinces = provincesIn(null);
  const { totals, byProvince } = tabulateCounts(counts, provinces, []);
  const pick = (c: EventCounts): PublicCounts => ({
    applicationsReceived: c.received,
    licencesIssued: c.issued,
    licencesReturnedByPost: c.delivered,
  });
  return {
    period: { ...period, timeZone: STATS_TIME_ZONE },
    totals: pick(totals),
    byProvince: provinces.map((p) => ({
      provinceCode: p.code,
      name: p.name,
      ...pick(byProvince.get(p.code)!),
    })),
  };
}
