/** Every BullMQ queue the service uses. Redis holds only ids; the work itself is in Postgres. */
export const QUEUES = {
  eligibility: 'eligibility',
  issuance: 'issuance',
  timers: 'timers',
  refunds: 'refunds',
  /** Payment housekeeping with the gateway (the daily reconciliation). */
  payments: 'payments',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
