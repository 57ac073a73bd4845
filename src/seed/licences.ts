import { addYears, Day, dayOf } from './dates';
import { expiryWindow, ExpirySituation } from './expiry-situations';
import {
  classInfo,
  ClassEra,
  eraOf,
  expiryOf,
  Holder,
  LicenceClassInfo,
  NEW_CLASSES_FROM,
} from './licence-classes';
import { AffinePermutation, Random, WeightedPicker } from './random';
import { SHARES } from './shares';

/** Families of licence with the same validity rule; the class name then depends on the era. */
type Category = 'MOTORBIKE' | 'CAR' | 'HEAVY' | 'OLD_B1';

export interface GeneratedClass {
  info: LicenceClassInfo;
  issuedOn: Day;
  expiresOn: Day | null;
}

export interface GeneratedLicence {
  number: string;
  cardKind: 'PAPER' | 'PET';
  origin: 'DOMESTIC' | 'FOREIGN' | 'MILITARY';
  status: 'VALID' | 'SUSPENDED' | 'REVOKED';
  suspendedUntil: Day | null;
  statusReason: string | null;
  statusChangedOn: Day | null;
  points: number;
  issuingProvinceCode: string;
  classes: GeneratedClass[];
}

/** Licences before this date come from the paper-card era (PET cards from 2013). */
const EARLIEST_ISSUE = dayOf(1990, 1, 1);
const PET_CARDS_FROM = dayOf(2013, 1, 1);
/**
 * Drawn a little more often than SHARES says, because some drawn situations are impossible for the
 * driver (a 19-year-old cannot hold a car licence that expired years ago) and fall back to a valid
 * licence; the factors were measured on 200,000 generated drivers.
 */
const FALLBACK_COMPENSATION = { EXPIRING_SOON: 1.14, EXPIRED_RECENTLY: 1.17, EXPIRED_LONG_AGO: 1.2 };
const situations = new WeightedPicker<ExpirySituation>([
  ['EXPIRING_SOON', SHARES.expiringSoon * FALLBACK_COMPENSATION.EXPIRING_SOON],
  ['EXPIRED_RECENTLY', SHARES.expiredRecently * FALLBACK_COMPENSATION.EXPIRED_RECENTLY],
  ['EXPIRED_LONG_AGO', SHARES.expiredLongAgo * FALLBACK_COMPENSATION.EXPIRED_LONG_AGO],
  ['VALID_FAR', 1 - SHARES.expiringSoon - SHARES.expiredRecently - SHARES.expiredLongAgo],
]);
const anyCategory = new WeightedPicker<Category>([
  ['MOTORBIKE', 0.5],
  ['CAR', 0.33],
  ['HEAVY', 0.13],
  ['OLD_B1', 0.04],
]);
const expiringCategory = new WeightedPicker<Category>([
  ['CAR', 0.7],
  ['HEAVY', 0.25],
  ['OLD_B1', 0.05],
]);

// prettier-ignore
const CLASS_MIX: Record<Category, Record<ClassEra, WeightedPicker<string>>> = {
  MOTORBIKE: {
    OLD: new WeightedPicker([['A1', 80], ['A2', 14], ['A3', 6]]),
    NEW: new WeightedPicker([['A1', 68], ['A', 26], ['B1', 6]]),
  },
  CAR: {
    OLD: new WeightedPicker([['B2', 94], ['A4', 6]]),
    NEW: new WeightedPicker([['B', 86], ['C1', 14]]),
  },
  HEAVY: {
    OLD: new WeightedPicker([['C', 46], ['D', 14], ['E', 10], ['FB2', 9], ['FC', 11], ['FD', 5], ['FE', 5]]),
    NEW: new WeightedPicker([
      ['C', 26], ['D1', 6], ['D2', 10], ['D', 10], ['BE', 10], ['C1E', 7], ['CE', 15], ['D1E', 5], ['D2E', 5], ['DE', 6],
    ]),
  },
  OLD_B1: { OLD: new WeightedPicker([['B1', 1]]), NEW: new WeightedPicker([['B', 1]]) },
};
/** The class to fall back to when the holder was too young at issue for the one drawn. */
const BASE_CLASS: Record<Category, Record<ClassEra, string>> = {
  MOTORBIKE: { OLD: 'A1', NEW: 'A1' },
  CAR: { OLD: 'B2', NEW: 'B' },
  HEAVY: { OLD: 'C', NEW: 'C' },
  OLD_B1: { OLD: 'B1', NEW: 'B' },
};
const CATEGORY_MINIMUM_AGE: Record<Category, number> = { MOTORBIKE: 18, CAR: 18, HEAVY: 21, OLD_B1: 18 };
const CATEGORY_YEARS: Record<Category, number | null> = { MOTORBIKE: null, CAR: 10, HEAVY: 5, OLD_B1: null };

const SUSPENSION_REASONS = [
  'Tước quyền sử dụng giấy phép lái xe: điều khiển xe khi trong máu hoặc hơi thở có nồng độ cồn',
  'Tước quyền sử dụng giấy phép lái xe: không chấp hành hiệu lệnh của đèn tín hiệu giao thông gây tai nạn',
  'Tước quyền sử dụng giấy phép lái xe: chạy quá tốc độ quy định trên 35 km/h',
  'Tước quyền sử dụng giấy phép lái xe: bỏ chạy sau khi gây tai nạn giao thông',
];
const REVOCATION_REASONS = [
  'Thu hồi giấy phép lái xe: gian lận trong sát hạch lái xe',
  'Thu hồi giấy phép lái xe: giấy phép cấp sai thẩm quyền',
  'Thu hồi giấy phép lái xe: khai báo không đúng sự thật để được cấp giấy phép',
];

/**
 * Hands out unique 12-digit licence numbers: the issuing province's two-digit code, then a ten-digit
 * serial from a per-province counter mapped through a random-looking bijection.
 */
export class LicenceNumberAllocator {
  private readonly counters = new Map<string, number>();
  private readonly permutation: AffinePermutation;

  constructor(
    random: Random,
    private readonly reserved: ReadonlySet<string> = new Set(),
  ) {
    this.permutation = new AffinePermutation(10_000_000_000, random);
  }

  next(provinceCode: string): string {
    for (;;) {
      const counter = this.counters.get(provinceCode) ?? 0;
      this.counters.set(provinceCode, counter + 1);
      const number = provinceCode + String(this.permutation.at(counter)).padStart(10, '0');
      if (!this.reserved.has(number)) return number;
    }
  }
}

export interface LicenceHolder extends Holder {
  provinceCode: string;
}

/** Draws a person's licences: situation first, then a class and dates that produce it. */
export class LicenceFactory {
  private readonly windows: Record<ExpirySituation, [Day, Day]>;

  constructor(
    private readonly random: Random,
    private readonly today: Day,
    private readonly numbers: LicenceNumberAllocator,
    private readonly otherProvince: (random: Random) => string,
  ) {
    this.windows = {
      VALID_FAR: expiryWindow('VALID_FAR', today),
      EXPIRING_SOON: expiryWindow('EXPIRING_SOON', today),
      EXPIRED_RECENTLY: expiryWindow('EXPIRED_RECENTLY', today),
      EXPIRED_LONG_AGO: expiryWindow('EXPIRED_LONG_AGO', today),
    };
  }

  licencesFor(holder: LicenceHolder, count: number): GeneratedLicence[] {
    const licences: GeneratedLicence[] = [];
    let heldMotorbike = false;
    for (let i = 0; i < count; i++) {
      const situation = situations.pick(this.random);
      let category = (situation === 'VALID_FAR' ? anyCategory : expiringCategory).pick(this.random);
      // One motorbike licence per person: a second licence is for a car or heavier vehicle.
      if (heldMotorbike && category === 'MOTORBIKE') category = 'CAR';
      const classes = this.classesFor(holder, situation, category);
      heldMotorbike ||= classes[0].info.validity.kind === 'LIFETIME';
      licences.push(this.licence(holder, classes));
    }
    return licences;
  }

  private classesFor(
    holder: LicenceHolder,
    situation: ExpirySituation,
    category: Category,
  ): GeneratedClass[] {
    const main =
      this.tryClass(holder, situation, category) ??
      this.tryClass(holder, situation, 'CAR') ??
      this.tryClass(holder, situation, 'HEAVY') ??
      this.tryClass(holder, 'VALID_FAR', 'MOTORBIKE');
    if (!main) throw new Error('a driver of 18 or more can always hold a motorbike licence');
    const classes = [main];
    if (main.info.validity.kind !== 'LIFETIME' && this.random.chance(SHARES.extraMotorbikeClass)) {
      const earlier = this.issueBetween(this.earliestIssue(holder, 18), main.issuedOn - 30);
      if (earlier !== null) classes.unshift(this.makeClass(holder, 'MOTORBIKE', earlier));
    }
    return classes;
  }

  /** A class of the category whose expiry falls in the situation's window, or null if impossible. */
  private tryClass(
    holder: LicenceHolder,
    situation: ExpirySituation,
    category: Category,
  ): GeneratedClass | null {
    const earliest = this.earliestIssue(holder, CATEGORY_MINIMUM_AGE[category]);
    const latest = this.today - 1;
    if (category === 'MOTORBIKE') {
      if (situation !== 'VALID_FAR') return null;
      // Most people take the motorbike test young: within twelve years of becoming eligible.
      const issued = this.issueBetween(earliest, Math.min(latest, addYears(earliest, 12)));
      return issued === null ? null : this.makeClass(holder, category, issued);
    }
    const [from, until] = this.windows[situation];
    if (category === 'OLD_B1') {
      // Issued while the holder was young enough for the until-55/60 rule (not the 10-year one).
      const b1 = classInfo('B1', 'OLD');
      const expires = addYears(holder.born, holder.sex === 'F' ? 55 : 60);
      if (expires < from || expires > until) return null;
      const youngEnough = addYears(holder.born, holder.sex === 'F' ? 46 : 51) - 1;
      const issued = this.issueBetween(earliest, Math.min(latest, youngEnough, NEW_CLASSES_FROM - 1));
      if (issued === null) return null;
      return { info: b1, issuedOn: issued, expiresOn: expiryOf(b1, issued, holder) };
    }
    const years = CATEGORY_YEARS[category] as number;
    const issued = this.issueBetween(
      Math.max(earliest, addYears(from, -years)),
      until === Number.MAX_SAFE_INTEGER ? latest : Math.min(latest, addYears(until, -years)),
    );
    return issued === null ? null : this.makeClass(holder, category, issued);
  }

  private makeClass(holder: LicenceHolder, category: Category, issuedOn: Day): GeneratedClass {
    const era = eraOf(issuedOn);
    const ageAtIssue = (issuedOn - holder.born) / 365.25;
    let info = classInfo(CLASS_MIX[category][era].pick(this.random), era);
    if (info.minimumAge > ageAtIssue) info = classInfo(BASE_CLASS[category][era], era);
    return { info, issuedOn, expiresOn: expiryOf(info, issuedOn, holder) };
  }

  private earliestIssue(holder: LicenceHolder, minimumAge: number): Day {
    return Math.max(EARLIEST_ISSUE, addYears(holder.born, minimumAge));
  }

  private issueBetween(from: Day, until: Day): Day | null {
    return from > until ? null : this.random.int(from, until);
  }

  private licence(holder: LicenceHolder, classes: GeneratedClass[]): GeneratedLicence {
    const random = this.random;
    const issuingProvinceCode = random.chance(0.85) ? holder.provinceCode : this.otherProvince(random);
    const lastIssued = Math.max(...classes.map((c) => c.issuedOn));
    const originDraw = random.next();
    const origin =
      originDraw < SHARES.foreignOrigin
        ? 'FOREIGN'
        : originDraw < SHARES.foreignOrigin + SHARES.militaryOrigin
          ? 'MILITARY'
          : 'DOMESTIC';
    const paper =
      origin === 'DOMESTIC' && lastIssued < PET_CARDS_FROM && random.chance(SHARES.paperIfIssuedBefore2013);
    const licence: GeneratedLicence = {
      number: this.numbers.next(issuingProvinceCode),
      cardKind: paper ? 'PAPER' : 'PET',
      origin,
      status: 'VALID',
      suspendedUntil: null,
      statusReason: null,
      statusChangedOn: null,
      points: 12,
      issuingProvinceCode,
      classes,
    };
    const statusDraw = random.next();
    if (statusDraw < SHARES.suspended) {
      licence.status = 'SUSPENDED';
      licence.statusChangedOn = this.today - random.int(1, 150);
      licence.suspendedUntil = this.today + random.int(7, 240);
      licence.statusReason = random.pick(SUSPENSION_REASONS);
      licence.points = random.int(0, 8);
    } else if (statusDraw < SHARES.suspended + SHARES.revoked) {
      licence.status = 'REVOKED';
      licence.statusChangedOn = this.today - random.int(30, 1500);
      licence.statusReason = random.pick(REVOCATION_REASONS);
    } else {
      const pointsDraw = random.next();
      if (pointsDraw < SHARES.zeroPoints) licence.points = 0;
      else if (pointsDraw < SHARES.zeroPoints + SHARES.pointsDeducted) licence.points = random.int(2, 10);
    }
    return licence;
  }
}
