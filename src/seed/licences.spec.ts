import { PROVINCES } from '../records/provinces.data';
import { addMonths, addYears, ageOn, Day, parseIsoDay } from './dates';
import { eraOf, expiryOf } from './licence-classes';
import { classifyExpiry, expiryWindow, ExpirySituation } from './expiry-situations';
import { GeneratedLicence, LicenceFactory, LicenceNumberAllocator } from './licences';
import { Random } from './random';
import { SHARES } from './shares';

const today = parseIsoDay('2026-11-28');

function generate(count: number, seed = 'licences') {
  const random = new Random(seed);
  const factory = new LicenceFactory(random, today, new LicenceNumberAllocator(random), () => '79');
  const out: { holder: { born: Day; sex: 'M' | 'F'; provinceCode: string }; licence: GeneratedLicence }[] =
    [];
  for (let i = 0; i < count; i++) {
    const holder = {
      born: addYears(today, -random.int(18, 80)) - random.int(1, 364),
      sex: random.chance(0.5) ? ('M' as const) : ('F' as const),
      provinceCode: PROVINCES[i % PROVINCES.length].code,
    };
    for (const licence of factory.licencesFor(holder, 1)) out.push({ holder, licence });
  }
  return out;
}

/** A licence's situation is that of its earliest-expiring class. */
function situationOf(licence: GeneratedLicence) {
  const expiries = licence.classes.map((c) => c.expiresOn).filter((d): d is Day => d !== null);
  return classifyExpiry(expiries.length ? Math.min(...expiries) : null, today);
}

describe('licence generation', () => {
  const generated = generate(20_000);

  it('classifies expiry dates against today', () => {
    expect(classifyExpiry(null, today)).toBe('LIFETIME');
    expect(classifyExpiry(today, today)).toBe('EXPIRING_SOON');
    expect(classifyExpiry(addMonths(today, 6), today)).toBe('EXPIRING_SOON');
    expect(classifyExpiry(addMonths(today, 6) + 1, today)).toBe('VALID_FAR');
    expect(classifyExpiry(today - 1, today)).toBe('EXPIRED_RECENTLY');
    expect(classifyExpiry(addYears(today, -1) + 1, today)).toBe('EXPIRED_RECENTLY');
    expect(classifyExpiry(addYears(today, -1), today)).toBe('EXPIRED_LONG_AGO');
  });

  it.each(['VALID_FAR', 'EXPIRING_SOON', 'EXPIRED_RECENTLY', 'EXPIRED_LONG_AGO'] as ExpirySituation[])(
    'keeps the %s window clear of its boundaries',
    (situation) => {
      // A day either side of the window is still the same situation: a date drawn from it cannot
      // land on a boundary whichever way "expired" is counted.
      const [from, until] = expiryWindow(situation, today);
      expect(classifyExpiry(from - 1, today)).toBe(situation);
      if (until < Number.MAX_SAFE_INTEGER) expect(classifyExpiry(until + 1, today)).toBe(situation);
    },
  );

  it('prints every expiry by the class rule, in the era of its issue date, never before the minimum age', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (const { holder, licence } of generated) {
      for (const c of licence.classes) {
        checked++;
        if (c.info.era !== eraOf(c.issuedOn)) wrong.push(`${licence.number} ${c.info.name}: era`);
        if (c.expiresOn !== expiryOf(c.info, c.issuedOn, holder))
          wrong.push(`${licence.number} ${c.info.name}: expiry`);
        if (ageOn(holder.born, c.issuedOn) < c.info.minimumAge)
          wrong.push(`${licence.number} ${c.info.name}: age`);
        if (c.issuedOn >= today) wrong.push(`${licence.number} ${c.info.name}: issued in the future`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20_000);
  });

  it('produces each expiry situation in about the share asked for', () => {
    const counts: Record<string, number> = {};
    for (const { licence } of generated)
      counts[situationOf(licence)] = (counts[situationOf(licence)] ?? 0) + 1;
    const share = (s: string) => (counts[s] ?? 0) / generated.length;
    expect(share('EXPIRING_SOON')).toBeGreaterThan(SHARES.expiringSoon * 0.85);
    expect(share('EXPIRING_SOON')).toBeLessThan(SHARES.expiringSoon * 1.15);
    expect(share('EXPIRED_RECENTLY')).toBeGreaterThan(SHARES.expiredRecently * 0.8);
    expect(share('EXPIRED_RECENTLY')).toBeLessThan(SHARES.expiredRecently * 1.2);
    expect(share('EXPIRED_LONG_AGO')).toBeGreaterThan(SHARES.expiredLongAgo * 0.8);
    expect(share('EXPIRED_LONG_AGO')).toBeLessThan(SHARES.expiredLongAgo * 1.2);
    expect(share('VALID_FAR') + share('LIFETIME')).toBeGreaterThan(0.8);
    expect(share('LIFETIME')).toBeGreaterThan(0.3);
  });

  it('issues PAPER cards only before 2013, to about the share asked for, and statuses in proportion', () => {
    const paper = generated.filter(({ licence }) => licence.cardKind === 'PAPER');
    for (const { licence } of paper) {
      expect(Math.max(...licence.classes.map((c) => c.issuedOn))).toBeLessThan(parseIsoDay('2013-01-01'));
    }
    expect(paper.length / generated.length).toBeGreaterThan(0.1);
    expect(paper.length / generated.length).toBeLessThan(0.2);
    const suspended = generated.filter(({ licence }) => licence.status === 'SUSPENDED');
    const revoked = generated.filter(({ licence }) => licence.status === 'REVOKED');
    expect(suspended.length / generated.length).toBeCloseTo(SHARES.suspended, 2);
    expect(revoked.length / generated.length).toBeCloseTo(SHARES.revoked, 2);
    for (const { licence } of suspended) {
      expect(licence.suspendedUntil!).toBeGreaterThan(today);
      expect(licence.statusReason).toBeTruthy();
    }
  });

  it('is the same for the same seed', () => {
    expect(generate(300, 'again')).toEqual(generate(300, 'again'));
  });

  it('hands out unique 12-digit numbers that start with the issuing province', () => {
    const numbers = generated.map(({ licence }) => licence.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const { licence } of generated) {
      expect(licence.number).toMatch(/^\d{12}$/);
      expect(licence.number.slice(0, 2)).toBe(licence.issuingProvinceCode);
    }
  });
});
