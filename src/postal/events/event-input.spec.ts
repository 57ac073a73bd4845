import { parseEvent } from './event-input';

const good = {
  eventId: 'VNP-1',
  trackingNumber: 'EB123456785VN',
  type: 'IN_TRANSIT',
  occurredAt: '2026-03-02T08:15:00Z',
};

describe('parseEvent', () => {
  it('reads a well-formed event', () => {
    expect(parseEvent({ ...good, detail: '  hub Hà Nội ' })).toEqual({
      ok: true,
      event: {
        eventId: 'VNP-1',
        trackingNumber: 'EB123456785VN',
        type: 'IN_TRANSIT',
        occurredAt: new Date('2026-03-02T08:15:00Z'),
        detail: 'hub Hà Nội',
      },
    });
    expect(parseEvent({ ...good, occurredAt: '2026-03-02T15:15:00+07:00' })).toMatchObject({
      ok: true,
      event: { occurredAt: new Date('2026-03-02T08:15:00Z') },
    });
  });

  it.each([
    ['an unknown type', { type: 'LOST' }, /type must be one of/],
    ['a time without a zone', { occurredAt: '2026-03-02T08:15:00' }, /time zone/],
    ['a date that is not one', { occurredAt: '2026-13-02T08:15:00Z' }, /ISO 8601/],
    ['a wrong check digit', { trackingNumber: 'EB123456784VN' }, /check digit/],
    ['a malformed number', { trackingNumber: 'EB1234VN' }, /S10 number/],
    ['no event id', { eventId: undefined }, /eventId/],
    ['an unknown field', { citizenId: '001090012345' }, /citizenId/],
  ])('refuses %s, saying why', (_, patch, reason) => {
    const parsed = parseEvent({ ...good, ...patch });
    expect(parsed.ok).toBe(false);
    expect(parsed).toMatchObject({ reason: expect.stringMatching(reason) });
  });

  it('keeps the event id of a refused event so the answer can name it', () => {
    expect(parseEvent({ ...good, type: 'LOST' })).toMatchObject({
      eventId: 'VNP-1',
      trackingNumber: 'EB123456785VN',
    });
    expect(parseEvent('not an object')).toMatchObject({ ok: false, eventId: null });
  });
});
