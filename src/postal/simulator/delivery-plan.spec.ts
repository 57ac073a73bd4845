import { nextEvent, seededRandom } from './delivery-plan';

describe('the simulated courier', () => {
  it('takes a shipment from pickup to delivery when nothing fails', () => {
    const random = seededRandom(1);
    const steps: string[] = [];
    for (let status = 'PICKED_UP' as const as Parameters<typeof nextEvent>[0]; ;) {
      const next = nextEvent(status, 0, random);
      if (!next) break;
      steps.push(next.type);
      status = next.type === 'DELIVERED' ? 'DELIVERED' : next.type;
    }
    expect(steps).toEqual(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
  });

  it('fails about as often as asked, with a reason', () => {
    const random = seededRandom(42);
    const outcomes = Array.from({ length: 2000 }, () => nextEvent('OUT_FOR_DELIVERY', 0.3, random));
    const failed = outcomes.filter((o) => o?.type === 'DELIVERY_FAILED');
    expect(failed.length / outcomes.length).toBeGreaterThan(0.25);
    expect(failed.length / outcomes.length).toBeLessThan(0.35);
    expect(failed.every((f) => typeof f?.detail === 'string' && f.detail.length > 0)).toBe(true);
  });

  it('tries again after a failed attempt and stops at an end', () => {
    const random = seededRandom(3);
    expect(nextEvent('DELIVERY_FAILED', 1, random)).toEqual({ type: 'OUT_FOR_DELIVERY' });
    expect(nextEvent('DELIVERED', 1, random)).toBeNull();
    expect(nextEvent('RETURNED', 1, random)).toBeNull();
  });

  it('repeats itself from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });
});
