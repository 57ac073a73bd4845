/** The first retry's delay; each later one doubles it (BullMQ's `exponential` back-off). */
export const JOB_BACKOFF_MS = 1000;

/** How long BullMQ's exponential back-off waits after the `attemptsMade`-th failed attempt. */
export function backoffAfter(attemptsMade: number): number {
  return Math.round(2 ** (Math.max(attemptsMade, 1) - 1) * JOB_BACKOFF_MS);
}
