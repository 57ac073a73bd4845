/**
 * The demo citizens: one per eligibility outcome, documented in docs/demo-accounts.md (keep the two
 * in step; a test checks that every national ID here appears there). Identity data is fixed; dates
 * of licences, certificates and violations are offsets from the day the demo is loaded, so the
 * outcome stays the same whenever it is loaded. Class names are of the era the issue date falls in
 * (old classes such as B2 before 2025).
 */

/** A date relative to the day of loading (negative: in the past), or a fixed ISO date. */
export type DemoDate = { years?: number; months?: number; days?: number } | string;

export interface DemoLicenceClass {
  class: string;
  issued: DemoDate;
}

export interface DemoPerson {
  /** Short handle used in the documentation and tests. */
  key: string;
  /** What the online service should answer for this person's licence. */
  expected: string;
  nationalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
  phone: string;
  street: string;
  commune: string;
  provinceCode: string;
  licence: {
    number: string;
    cardKind?: 'PAPER' | 'PET';
    origin?: 'DOMESTIC' | 'FOREIGN' | 'MILITARY';
    status?: 'VALID' | 'SUSPENDED' | 'REVOKED';
    suspendedUntil?: DemoDate;
    statusChangedOn?: DemoDate;
    statusReason?: string;
    points?: number;
    classes: DemoLicenceClass[];
  };
  healthCertificate?: {
    number: string;
    issued: DemoDate;
    result?: 'FIT' | 'UNFIT';
    groups: number[];
    electronic?: boolean;
  };
  vehicles?: { plate: string; type: 'CAR' | 'TRUCK' | 'MOTORBIKE' }[];
  violations?: {
    /** Serial of the id `V-<year it occurred>-<serial>`. */
    serial: string;
    /** A plate (one of the person's vehicles); omitted: recorded against the person. */
    plate?: string;
    /** Recorded against the person as well as the plate (a traffic stop rather than a camera). */
    onHolder: boolean;
    amount: number;
    paid: boolean;
    occurred: DemoDate;
    description: string;
  }[];
}

const FIT_2 = (n: string) => ({ number: `HC-DEMO-${n}`, issued: { months: -2 }, groups: [2] });
const FIT_3 = (n: string) => ({ number: `HC-DEMO-${n}`, issued: { months: -1 }, groups: [3] });
/** An old B2 (10 years) issued so that it expires `months` from the day of loading. */
const B2_EXPIRING_IN = (months: number): DemoLicenceClass[] => [
  { class: 'B2', issued: { years: -10, months } },
];

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'clean-renewal',
    expected:
      'ELIGIBLE for RENEWAL: B2 (becomes B) expires in 4 months, FIT certificate, a paid violation only',
    nationalId: '001085012345',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1985-03-14',
    sex: 'M',
    phone: '0912000001',
    street: '12 Phố Huế',
    commune: 'Phường Hai Bà Trưng',
    provinceCode: '01',
    licence: { number: '010000000001', classes: B2_EXPIRING_IN(4) },
    healthCertificate: FIT_2('01'),
    vehicles: [{ plate: '29-B1 900.01', type: 'MOTORBIKE' }],
    violations: [
      {
        serial: '900001',
        plate: '29-B1 900.01',
        onHolder: true,
        amount: 500_000,
        paid: true,
        occurred: { months: -8 },
        description: 'Không đội mũ bảo hiểm khi điều khiển xe',
      },
    ],
  },
  {
    key: 'expiring-soon',
    expected: 'ELIGIBLE for RENEWAL, urgent: class C expires in 20 days, FIT certificate for group 3',
    nationalId: '079179004567',
    fullName: 'Trần Thị Bích',
    dateOfBirth: '1979-08-02',
    sex: 'F',
    phone: '0912000002',
    street: '45 Lê Lợi',
    commune: 'Phường Bến Thành',
    provinceCode: '79',
    licence: { number: '790000000002', classes: [{ class: 'C', issued: { years: -5, days: 20 } }] },
    healthCertificate: FIT_3('02'),
  },
  {
    key: 'expired-under-1-year',
    expected: 'INELIGIBLE: B2 expired 4 months ago; theory re-test at the licensing office',
    nationalId: '001090023456',
    fullName: 'Lê Minh Cường',
    dateOfBirth: '1990-11-20',
    sex: 'M',
    phone: '0912000003',
    street: '88 Trần Duy Hưng',
    commune: 'Phường Cầu Giấy',
    provinceCode: '01',
    licence: { number: '010000000003', classes: B2_EXPIRING_IN(-4) },
    healthCertificate: FIT_2('03'),
  },
  {
    key: 'expired-over-1-year',
    expected: 'INELIGIBLE: B2 expired 2 years ago; theory and practical re-test',
    nationalId: '079182034567',
    fullName: 'Phạm Thị Dung',
    dateOfBirth: '1982-01-09',
    sex: 'F',
    phone: '0912000004',
    street: '210 Nguyễn Thị Minh Khai',
    commune: 'Phường Bàn Cờ',
    provinceCode: '79',
    licence: { number: '790000000004', classes: B2_EXPIRING_IN(-24) },
    healthCertificate: FIT_2('04'),
  },
  {
    key: 'suspended',
    expected: 'INELIGIBLE: licence suspended for 3 more months (reason shown)',
    nationalId: '001088045678',
    fullName: 'Hoàng Đức Hải',
    dateOfBirth: '1988-06-30',
    sex: 'M',
    phone: '0912000005',
    street: '5 Hàng Bài',
    commune: 'Phường Hoàn Kiếm',
    provinceCode: '01',
    licence: {
      number: '010000000005',
      status: 'SUSPENDED',
      suspendedUntil: { months: 3 },
      statusChangedOn: { months: -2 },
      statusReason: 'Tước quyền sử dụng giấy phép lái xe: điều khiển xe khi trong hơi thở có nồng độ cồn',
      points: 4,
      classes: B2_EXPIRING_IN(4),
    },
    healthCertificate: FIT_2('05'),
  },
  {
    key: 'revoked',
    expected: 'INELIGIBLE: licence revoked a year ago (reason shown)',
    nationalId: '079075056789',
    fullName: 'Huỳnh Văn Phúc',
    dateOfBirth: '1975-12-05',
    sex: 'M',
    phone: '0912000006',
    street: '17 Phan Đăng Lưu',
    commune: 'Phường Bình Thạnh',
    provinceCode: '79',
    licence: {
      number: '790000000006',
      status: 'REVOKED',
      statusChangedOn: { years: -1 },
      statusReason: 'Thu hồi giấy phép lái xe: gian lận trong sát hạch lái xe',
      classes: B2_EXPIRING_IN(5),
    },
    healthCertificate: FIT_2('06'),
  },
  {
    key: 'unpaid-violation-holder',
    expected: 'INELIGIBLE until paid: an unpaid 6,000,000 VND speeding fine in her own name',
    nationalId: '001193067890',
    fullName: 'Vũ Thị Giang',
    dateOfBirth: '1993-04-17',
    sex: 'F',
    phone: '0912000007',
    street: 'Số 8 ngõ 42 Thái Hà',
    commune: 'Phường Đống Đa',
    provinceCode: '01',
    licence: { number: '010000000007', classes: B2_EXPIRING_IN(3) },
    healthCertificate: FIT_2('07'),
    violations: [
      {
        serial: '900007',
        onHolder: true,
        amount: 6_000_000,
        paid: false,
        occurred: { months: -3 },
        description: 'Chạy quá tốc độ quy định từ 10 km/h đến 20 km/h',
      },
    ],
  },
  {
    key: 'unpaid-violation-vehicle',
    expected: 'INELIGIBLE until paid: an unpaid 18,000,000 VND red-light camera fine on his car 51A-900.08',
    nationalId: '079080078901',
    fullName: 'Võ Thanh Hùng',
    dateOfBirth: '1980-09-25',
    sex: 'M',
    phone: '0912000008',
    street: '102 Quang Trung',
    commune: 'Phường Gò Vấp',
    provinceCode: '79',
    licence: { number: '790000000008', classes: B2_EXPIRING_IN(2) },
    healthCertificate: FIT_2('08'),
    vehicles: [{ plate: '51A-900.08', type: 'CAR' }],
    violations: [
      {
        serial: '900008',
        plate: '51A-900.08',
        onHolder: false,
        amount: 18_000_000,
        paid: false,
        occurred: { months: -1 },
        description: 'Không chấp hành hiệu lệnh của đèn tín hiệu giao thông',
      },
    ],
  },
  {
    key: 'missing-health-certificate',
    expected: 'INELIGIBLE: B2 needs a health certificate and none is on record',
    nationalId: '001087089012',
    fullName: 'Đặng Văn Khoa',
    dateOfBirth: '1987-02-11',
    sex: 'M',
    phone: '0912000009',
    street: '31 Nguyễn Văn Cừ',
    commune: 'Phường Long Biên',
    provinceCode: '01',
    licence: { number: '010000000009', classes: B2_EXPIRING_IN(5) },
  },
  {
    key: 'unfit-certificate',
    expected: 'INELIGIBLE: the health certificate on record says UNFIT',
    nationalId: '079170090123',
    fullName: 'Bùi Thị Lan',
    dateOfBirth: '1970-07-07',
    sex: 'F',
    phone: '0912000010',
    street: '66 Cách Mạng Tháng Tám',
    commune: 'Phường Tân Định',
    provinceCode: '79',
    licence: { number: '790000000010', classes: B2_EXPIRING_IN(3) },
    healthCertificate: { number: 'HC-DEMO-10', issued: { months: -1 }, result: 'UNFIT', groups: [2] },
  },
  {
    key: 'paper-licence',
    expected: 'PAPER_CONVERSION eligible (no certificate needed); RENEWAL refused: A1 never expires',
    nationalId: '001068001122',
    fullName: 'Đỗ Văn Minh',
    dateOfBirth: '1968-10-10',
    sex: 'M',
    phone: '0912000011',
    street: '9 Hàng Gai',
    commune: 'Phường Hoàn Kiếm',
    provinceCode: '01',
    licence: { number: '010000000011', cardKind: 'PAPER', classes: [{ class: 'A1', issued: '2005-06-15' }] },
  },
  {
    key: 'lifetime-a1',
    expected:
      'RENEWAL refused (A1 never expires; use REPLACEMENT); REPLACEMENT eligible without a certificate',
    nationalId: '079195002233',
    fullName: 'Hồ Thị Ngọc',
    dateOfBirth: '1995-05-05',
    sex: 'F',
    phone: '0912000012',
    street: '23 Võ Văn Ngân',
    commune: 'Phường Thủ Đức',
    provinceCode: '79',
    licence: { number: '790000000012', classes: [{ class: 'A1', issued: '2015-09-01' }] },
  },
  {
    key: 'foreign-licence',
    expected: 'INELIGIBLE online: a licence of foreign origin is exchanged at the licensing office',
    nationalId: '001084003344',
    fullName: 'Ngô Quang Vinh',
    dateOfBirth: '1984-12-24',
    sex: 'M',
    phone: '0912000013',
    street: '14 Xuân Diệu',
    commune: 'Phường Tây Hồ',
    provinceCode: '01',
    licence: { number: '010000000013', origin: 'FOREIGN', classes: B2_EXPIRING_IN(4) },
    healthCertificate: FIT_2('13'),
  },
  {
    key: 'military-licence',
    expected: 'INELIGIBLE online: a military licence is exchanged at the licensing office',
    nationalId: '048078004455',
    fullName: 'Dương Văn Sơn',
    dateOfBirth: '1978-03-03',
    sex: 'M',
    phone: '0912000014',
    street: '70 Bạch Đằng',
    commune: 'Phường Hải Châu',
    provinceCode: '48',
    licence: {
      number: '480000000014',
      origin: 'MILITARY',
      classes: [{ class: 'C', issued: { years: -5, months: 3 } }],
    },
    healthCertificate: FIT_3('14'),
  },
  {
    key: 'expired-health-certificate',
    expected: 'INELIGIBLE: the only health certificate was issued 14 months ago and has lapsed',
    nationalId: '048191005566',
    fullName: 'Lý Thị Oanh',
    dateOfBirth: '1991-10-12',
    sex: 'F',
    phone: '0912000015',
    street: '120 Nguyễn Văn Linh',
    commune: 'Phường Thanh Khê',
    provinceCode: '48',
    licence: { number: '480000000015', classes: B2_EXPIRING_IN(2) },
    healthCertificate: { number: 'HC-DEMO-15', issued: { months: -14 }, groups: [2] },
  },
  {
    key: 'renewal-too-early',
    expected: 'FLAGGED: class B (2025 law) expires in 8½ years, renewal asked for more than 6 months early',
    nationalId: '001196006677',
    fullName: 'Nguyễn Thị Phương',
    dateOfBirth: '1996-06-06',
    sex: 'F',
    phone: '0912000016',
    street: '3 Nguyễn Chí Thanh',
    commune: 'Phường Đống Đa',
    provinceCode: '01',
    licence: { number: '010000000016', classes: [{ class: 'B', issued: { months: -18 } }] },
    healthCertificate: FIT_2('16'),
  },
  {
    key: 'certificate-wrong-groups',
    expected: 'INELIGIBLE: class C needs health group 3, the FIT certificate covers group 2 only',
    nationalId: '079083007788',
    fullName: 'Trần Văn Quý',
    dateOfBirth: '1983-02-28',
    sex: 'M',
    phone: '0912000017',
    street: '58 Kinh Dương Vương',
    commune: 'Phường Bình Tân',
    provinceCode: '79',
    licence: { number: '790000000017', classes: [{ class: 'C', issued: { years: -5, months: 2 } }] },
    healthCertificate: FIT_2('17'),
  },
  {
    key: 'zero-points',
    expected: 'INELIGIBLE: the licence has 0 of its 12 points left',
    nationalId: '001089008899',
    fullName: 'Phan Văn Tài',
    dateOfBirth: '1989-09-09',
    sex: 'M',
    phone: '0912000018',
    street: '27 Lạc Long Quân',
    commune: 'Phường Tây Hồ',
    provinceCode: '01',
    licence: { number: '010000000018', points: 0, classes: B2_EXPIRING_IN(3) },
    healthCertificate: FIT_2('18'),
  },
];
