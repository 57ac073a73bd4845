/**
 * Hands work from one simulated party to the next (citizen → payment provider): take() waits while
 * the queue is empty, and returns null once the producer has closed it and it has run dry.
 */
export class Handoff<T> {
  private readonly items: T[] = [];
  private head = 0;
  private waiters: ((item: T | null) => void)[] = [];
  private closed = false;

  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  take(): Promise<T | null> {
    if (this.head < this.items.length) {
      const item = this.items[this.head++];
      if (this.head > 4096 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve(item);
    }
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(null);
  }

  get waiting(): number {
    return this.items.length - this.head;
  }
}
