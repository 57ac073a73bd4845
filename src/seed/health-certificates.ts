import { addMonths, addYears, Day, isoDay, yearOf } from './dates';
import type { LicenceClassInfo } from './licence-classes';
import { Random, WeightedPicker } from './random';
import type { HealthCertificateRow } from './rows';
import { SHARES } from './shares';

export type CertificateSituation =
  'VALID_FIT' | 'MISSING' | 'EXPIRED' | 'UNFIT' | 'WRONG_GROUPS' | 'NOT_ELECTRONIC';

const forHoldersWhoNeedOne = new WeightedPicker<CertificateSituation>([
  ['VALID_FIT', SHARES.certificate.validFit],
  ['MISSING', SHARES.certificate.missing],
  ['EXPIRED', SHARES.certificate.expired],
  ['UNFIT', SHARES.certificate.unfit],
  ['WRONG_GROUPS', SHARES.certificate.wrongGroups],
  ['NOT_ELECTRONIC', SHARES.certificate.notElectronic],
]);

/** The health groups a certificate must show for these classes: every class's group, sorted. */
export function groupsFor(classes: readonly LicenceClassInfo[]): number[] {
  return [...new Set(classes.map((c) => c.healthGroup))].sort((a, b) => a - b);
}

export function needsCertificate(classes: readonly LicenceClassInfo[]): boolean {
  return classes.some((c) => c.needsCertificate);
}

const CLINIC_KINDS = ['Bệnh viện Đa khoa', 'Trung tâm Y tế', 'Phòng khám Đa khoa'];

/**
 * Draws a person's electronic health certificates. Holders of a class that needs one get the
 * situations of SHARES.certificate; a certificate is valid for 12 months from issue.
 */
export class HealthCertificateFactory {
  private serial = 0;
  /** Issue dates of a certificate still valid today, and of one that has lapsed (up to 2 years ago). */
  private readonly recentFrom: Day;
  private readonly lapsedFrom: Day;
  private readonly lapsedUntil: Day;

  constructor(
    private readonly random: Random,
    private readonly today: Day,
  ) {
    this.recentFrom = addMonths(today, -12) + 2;
    this.lapsedFrom = addMonths(today, -36);
    this.lapsedUntil = addMonths(today, -12) - 2;
  }

  certificatesFor(
    nationalId: string,
    classes: readonly LicenceClassInfo[],
    provinceName: string,
  ): { rows: HealthCertificateRow[]; situation: CertificateSituation } {
    const random = this.random;
    const groups = groupsFor(classes);
    let situation: CertificateSituation;
    if (needsCertificate(classes)) {
      situation = forHoldersWhoNeedOne.pick(random);
    } else {
      const draw = random.next();
      const { valid, expired } = SHARES.certificateWithoutNeed;
      situation = draw < valid ? 'VALID_FIT' : draw < valid + expired ? 'EXPIRED' : 'MISSING';
      // Someone without a licence (or with lifetime classes only) is typically examined for a car.
      if (groups.length === 0) groups.push(2);
    }
    const clinic = `${random.pick(CLINIC_KINDS)} ${provinceName}`;
    const rows: HealthCertificateRow[] = [];
    const recent = () => random.int(this.recentFrom, this.today - 1);
    const lapsed = () => random.int(this.lapsedFrom, this.lapsedUntil);
    switch (situation) {
      case 'MISSING':
        break;
      case 'EXPIRED':
        rows.push(this.row(nationalId, lapsed(), 'FIT', groups, true, clinic));
        break;
      case 'UNFIT':
        rows.push(this.row(nationalId, recent(), 'UNFIT', groups, true, clinic));
        break;
      case 'WRONG_GROUPS': {
        // Examined for a lighter group than the heaviest class held (which is group 2 or 3 here).
        const shown = groups.length > 1 ? groups.slice(0, -1) : [groups[0] - 1];
        rows.push(this.row(nationalId, recent(), 'FIT', shown, true, clinic));
        break;
      }
      case 'NOT_ELECTRONIC':
        rows.push(this.row(nationalId, recent(), 'FIT', groups, false, clinic));
        break;
      case 'VALID_FIT':
        if (random.chance(SHARES.olderCertificate))
          rows.push(this.row(nationalId, lapsed(), 'FIT', groups, true, clinic));
        rows.push(this.row(nationalId, recent(), 'FIT', groups, true, clinic));
        break;
    }
    return { rows, situation };
  }

  private row(
    nationalId: string,
    issuedOn: Day,
    result: 'FIT' | 'UNFIT',
    groups: number[],
    electronic: boolean,
    clinic: string,
  ): HealthCertificateRow {
    this.serial++;
    return {
      number: `HC-${yearOf(issuedOn)}-${String(this.serial).padStart(7, '0')}`,
      nationalId,
      issuedOn: isoDay(issuedOn),
      validUntil: isoDay(addYears(issuedOn, 1)),
      result,
      groups: [...groups],
      electronic,
      clinic,
    };
  }
}
