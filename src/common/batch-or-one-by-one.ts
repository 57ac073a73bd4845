/** How one key of a batch came out: its value, or the error that is its own. */
export type Settled<V> = { ok: true; value: V } | { ok: false; error: unknown };

/**
 * Runs `work` for all keys at once (one transaction, set-based statements). If that fails as a whole,
 * runs it again for each key alone, so a key that fails fails alone and the others go through as
 * they would have one by one. A key `work` leaves out of its answer settles as undefined.
 */
export async function batchOrOneByOne<K, V>(
  keys: K[],
  work: (keys: K[]) => Promise<Map<K, V>>,
): Promise<Map<K, Settled<V | undefined>>> {
  const settled = new Map<K, Settled<V | undefined>>();
  if (keys.length > 1) {
    try {
      const found = await work(keys);
      for (const key of keys) settled.set(key, { ok: true, value: found.get(key) });
      return settled;
    } catch {
      // Some key broke the batch (and rolled it back): find which, one key at a time.
    }
  }
  for (const key of keys) {
    try {
      settled.set(key, { ok: true, value: (await work([key])).get(key) });
    } catch (error) {
      settled.set(key, { ok: false, error });
    }
  }
  return settled;
}

/** The value of a settled key, or its own error thrown (so a job fails and is retried alone). */
export function unwrap<V>(settled: Settled<V> | undefined): V {
  if (!settled) throw new Error('the batch gave no answer for this key');
  if (!settled.ok) throw settled.error;
  return settled.value;
}
