import {
  decideEvent,
  effectiveStatus,
  EVENT_SOURCES,
  SHIPMENT_EVENT_TYPES,
  ShipmentState,
  ShipmentStatus,
} from './shipment-lifecycle';

const created = new Date('2026-03-01T02:00:00Z');
const now = new Date('2026-03-02T10:00:00Z');
const at = (hh: string) => new Date(`2026-03-02T${hh}:00Z`);

function state(status: ShipmentStatus, lastEventAt: Date | null = null): ShipmentState {
  return { status, lastEventAt, createdAt: created };
}

describe('decideEvent', () => {
  it('moves a picked-up shipment forward through the usual sequence', () => {
    expect(decideEvent(state('PICKED_UP'), { type: 'IN_TRANSIT', occurredAt: at('03:00') }, now)).toEqual({
      kind: 'MOVE',
      to: 'IN_TRANSIT',
    });
    expect(
      decideEvent(
        state('IN_TRANSIT', at('03:00')),
        { type: 'OUT_FOR_DELIVERY', occurredAt: at('05:00') },
        now,
      ),
    ).toEqual({ kind: 'MOVE', to: 'OUT_FOR_DELIVERY' });
    expect(
      decideEvent(
        state('OUT_FOR_DELIVERY', at('05:00')),
        { type: 'DELIVERED', occurredAt: at('06:00') },
        now,
      ),
    ).toEqual({ kind: 'MOVE', to: 'DELIVERED' });
  });

  it('lets a new attempt follow a failed one', () => {
    expect(
      decideEvent(
        state('DELIVERY_FAILED', at('05:00')),
        { type: 'OUT_FOR_DELIVERY', occurredAt: at('07:00') },
        now,
      ),
    ).toEqual({ kind: 'MOVE', to: 'OUT_FOR_DELIVERY' });
  });

  it('applies DELIVERED that arrives before IN_TRANSIT, and keeps it when IN_TRANSIT comes late', () => {
    const delivered = decideEvent(state('PICKED_UP'), { type: 'DELIVERED', occurredAt: at('06:00') }, now);
    expect(delivered).toEqual({ kind: 'MOVE', to: 'DELIVERED' });
    expect(
      decideEvent(state('DELIVERED', at('06:00')), { type: 'IN_TRANSIT', occurredAt: at('03:00') }, now),
    ).toEqual({ kind: 'LATE' });
  });

  it('refuses IN_TRANSIT that happened after delivery, with the reason', () => {
    const decision = decideEvent(
      state('DELIVERED', at('06:00')),
      { type: 'IN_TRANSIT', occurredAt: at('08:00') },
      now,
    );
    expect(decision).toEqual({
      kind: 'REJECT',
      reason: expect.stringMatching(/was delivered at 2026-03-02T06:00:00.000Z; it cannot be in transit/),
    });
  });

  it('never lets one end replace the other', () => {
    expect(
      decideEvent(state('RETURNED', at('06:00')), { type: 'DELIVERED', occurredAt: at('05:00') }, now),
    ).toMatchObject({ kind: 'REJECT', reason: expect.stringMatching(/was returned/) });
    expect(
      decideEvent(state('DELIVERED', at('06:00')), { type: 'RETURNED', occurredAt: at('07:00') }, now),
    ).toMatchObject({ kind: 'REJECT' });
  });

  it('records a repeated report of the end the shipment already reached', () => {
    expect(
      decideEvent(state('RETURNED', at('06:00')), { type: 'RETURNED', occurredAt: at('09:00') }, now),
    ).toEqual({ kind: 'LATE' });
  });

  it('keeps an earlier step from moving a shipment backwards', () => {
    expect(
      decideEvent(
        state('OUT_FOR_DELIVERY', at('05:00')),
        { type: 'IN_TRANSIT', occurredAt: at('04:00') },
        now,
      ),
    ).toEqual({ kind: 'LATE' });
  });

  it('lets an end apply even when a later-dated step arrived first', () => {
    expect(
      decideEvent(
        state('OUT_FOR_DELIVERY', at('07:00')),
        { type: 'DELIVERED', occurredAt: at('06:59') },
        now,
      ),
    ).toEqual({ kind: 'MOVE', to: 'DELIVERED' });
  });

  it('refuses in-order transitions the table does not allow', () => {
    const decision = decideEvent(
      state('OUT_FOR_DELIVERY', at('05:00')),
      { type: 'IN_TRANSIT', occurredAt: at('06:00') },
      now,
    );
    expect(decision).toMatchObject({
      kind: 'REJECT',
      reason: expect.stringMatching(/out for delivery; in transit cannot follow/),
    });
  });

  it.each(['READY', 'LEASED'] as const)('refuses events for a %s shipment: pickup comes first', (status) => {
    expect(decideEvent(state(status), { type: 'IN_TRANSIT', occurredAt: at('03:00') }, now)).toMatchObject({
      kind: 'REJECT',
      reason: expect.stringMatching(/not been picked up/),
    });
  });

  it('refuses events from the future and from before the shipment existed', () => {
    expect(
      decideEvent(
        state('PICKED_UP'),
        { type: 'IN_TRANSIT', occurredAt: new Date(now.getTime() + 3_600_000) },
        now,
      ),
    ).toMatchObject({ kind: 'REJECT', reason: expect.stringMatching(/in the future/) });
    expect(
      decideEvent(
        state('PICKED_UP'),
        { type: 'IN_TRANSIT', occurredAt: new Date('2026-02-01T00:00:00Z') },
        now,
      ),
    ).toMatchObject({ kind: 'REJECT', reason: expect.stringMatching(/before the shipment was created/) });
  });

  it('accepts every event type from every status its table row lists', () => {
    for (const type of SHIPMENT_EVENT_TYPES) {
      for (const from of EVENT_SOURCES[type]) {
        expect(decideEvent(state(from, at('03:00')), { type, occurredAt: at('04:00') }, now)).toEqual({
          kind: 'MOVE',
          to: type,
        });
      }
    }
  });
});

describe('effectiveStatus', () => {
  it('puts a shipment whose lease ran out back in the pool', () => {
    expect(effectiveStatus('LEASED', new Date(now.getTime() - 1), now)).toBe('READY');
    expect(effectiveStatus('LEASED', new Date(now.getTime() + 1000), now)).toBe('LEASED');
    expect(effectiveStatus('PICKED_UP', new Date(now.getTime() - 1), now)).toBe('PICKED_UP');
  });
});
