import { BatchLoader } from './batch-loader';

describe('BatchLoader', () => {
  it('answers concurrent loads with one batch call', async () => {
    const calls: number[][] = [];
    const loader = new BatchLoader<number, string>(
      async (keys) => {
        calls.push(keys);
        return new Map(keys.filter((k) => k !== 3).map((k) => [k, `v${k}`]));
      },
      { maxBatch: 100, waitMs: 5 },
    );
    const results = await Promise.all([1, 2, 3, 2].map((k) => loader.load(k)));
    expect(results).toEqual(['v1', 'v2', undefined, 'v2']);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('splits at the batch size and passes errors to every waiting caller', async () => {
    let n = 0;
    const loader = new BatchLoader<number, number>(
      async (keys) => {
        n++;
        if (keys.includes(4)) throw new Error('boom');
        return new Map(keys.map((k) => [k, k]));
      },
      { maxBatch: 2, waitMs: 50 },
    );
    const settled = await Promise.allSettled([1, 2, 3, 4].map((k) => loader.load(k)));
    expect(n).toBe(2);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });

  it('gathers loads that trickle in within the wait into one batch, and runs a full batch at once', async () => {
    jest.useFakeTimers();
    try {
      const calls: number[][] = [];
      const loader = new BatchLoader<number, number>(
        async (keys) => {
          calls.push(keys);
          return new Map(keys.map((k) => [k, k]));
        },
        { maxBatch: 3, waitMs: 500 },
      );
      const first = loader.load(1);
      jest.advanceTimersByTime(200);
      const second = loader.load(2);
      jest.advanceTimersByTime(200);
      expect(calls).toEqual([]); // still gathering
      jest.advanceTimersByTime(100);
      expect(await Promise.all([first, second])).toEqual([1, 2]);
      expect(calls).toEqual([[1, 2]]);

      const full = [3, 4, 5].map((k) => loader.load(k)); // the third fills the batch: no wait
      expect(calls).toEqual([
        [1, 2],
        [3, 4, 5],
      ]);
      await Promise.all(full);
    } finally {
      jest.useRealTimers();
    }
  });
});
