import { Dated, inForceOn } from './dated';

/**
 * The licence classes of each law, with how long each stays valid and the health standard it needs,
 * and the old→new mapping applied when a pre-2025 licence is exchanged. Class codes repeat between the
 * two laws with different meanings (A1, B1, C, D), so a class is only known together with the date it
 * was issued: a class issued before 2025 belongs to the 2008 law.
 */
export type CatalogueId = 'RTL_2008' | 'RTOS_2024';

/** Health standards: 1 = light (A1, B1), 2 = A, B, 3 = C1 and heavier. */
export type HealthGroup = 1 | 2 | 3;

export type ValidityRule =
  | { kind: 'LIFETIME' }
  | { kind: 'YEARS'; years: number }
  /**
   * Until an age; a holder already older than `tenYearsAfterAge` when the class is issued gets
   * `thenYears` from issue instead (old B1: 55 women / 60 men, 10 years if over 45 / 50).
   */
  | {
      kind: 'UNTIL_AGE';
      age: SexDependent;
      tenYearsAfterAge: SexDependent;
      thenYears: number;
    };

export interface SexDependent {
  F: number;
  M: number;
}

export interface LicenceClassDefinition {
  code: string;
  vehicles: string;
  validity: ValidityRule;
  healthGroup: HealthGroup;
  needsHealthCertificate: boolean;
}

export interface ClassCatalogue {
  id: CatalogueId;
  law: string;
  classes: Readonly<Record<string, LicenceClassDefinition>>;
}

const LIFETIME: ValidityRule = { kind: 'LIFETIME' };
const years = (n: number): ValidityRule => ({ kind: 'YEARS', years: n });

function catalogue(
  id: CatalogueId,
  law: string,
  rows: [code: string, vehicles: string, validity: ValidityRule, group: HealthGroup, certificate: boolean][],
): ClassCatalogue {
  const classes: Record<string, LicenceClassDefinition> = {};
  for (const [code, vehicles, validity, healthGroup, needsHealthCertificate] of rows) {
    classes[code] = { code, vehicles, validity, healthGroup, needsHealthCertificate };
  }
  return { id, law, classes };
}

const TRAILER = 'with a trailer over 750 kg';

/** Road Traffic Order and Safety Law 2024, art. 57 (in force 1 Jan 2025). */
export const RTOS_2024_CLASSES = catalogue('RTOS_2024', 'Road Traffic Order and Safety Law 2024', [
  ['A1', 'motorcycles up to 125 cm³ or 11 kW', LIFETIME, 1, false],
  ['A', 'motorcycles over 125 cm³ or 11 kW', LIFETIME, 2, false],
  ['B1', 'motor tricycles', LIFETIME, 1, false],
  ['B', 'cars up to 8 passenger seats, trucks up to 3,500 kg', years(10), 2, true],
  ['C1', 'trucks 3,500–7,500 kg', years(10), 3, true],
  ['C', 'trucks over 7,500 kg', years(5), 3, true],
  ['D1', 'buses 9–16 passenger seats', years(5), 3, true],
  ['D2', 'buses 17–29 passenger seats', years(5), 3, true],
  ['D', 'buses over 29 passenger seats, sleeper buses', years(5), 3, true],
  // Trailer combinations are held to the strictest standard (group 3), B with a trailer included.
  ['BE', `class B vehicles ${TRAILER}`, years(5), 3, true],
  ['C1E', `class C1 vehicles ${TRAILER}`, years(5), 3, true],
  ['CE', `class C vehicles ${TRAILER}, tractor units`, years(5), 3, true],
  ['D1E', `class D1 vehicles ${TRAILER}`, years(5), 3, true],
  ['D2E', `class D2 vehicles ${TRAILER}`, years(5), 3, true],
  ['DE', `class D vehicles ${TRAILER}`, years(5), 3, true],
]);

/**
 * Road Traffic Law 2008 classes, for licences issued before 2025 (which keep their printed expiry).
 * Health groups follow each class's 2024 equivalent; A4 (no 2024 equivalent) is assumed group 2.
 */
export const RTL_2008_CLASSES = catalogue('RTL_2008', 'Road Traffic Law 2008', [
  ['A1', 'motorcycles 50–175 cm³', LIFETIME, 1, false],
  ['A2', 'motorcycles 175 cm³ and over', LIFETIME, 2, false],
  ['A3', 'motor tricycles', LIFETIME, 1, false],
  ['A4', 'tractors up to 1,000 kg', years(10), 2, true],
  [
    'B1',
    'cars up to 9 seats and trucks under 3,500 kg, not as a professional driver',
    { kind: 'UNTIL_AGE', age: { F: 55, M: 60 }, tenYearsAfterAge: { F: 45, M: 50 }, thenYears: 10 },
    2,
    true,
  ],
  ['B2', 'cars up to 9 seats and trucks under 3,500 kg, professional driver', years(10), 2, true],
  ['C', 'trucks 3,500 kg and over', years(5), 3, true],
  ['D', 'buses 10–30 seats', years(5), 3, true],
  ['E', 'buses over 30 seats', years(5), 3, true],
  ['FB2', `class B2 vehicles with a trailer`, years(5), 3, true],
  ['FC', `class C vehicles with a trailer, tractor units`, years(5), 3, true],
  ['FD', `class D vehicles with a trailer`, years(5), 3, true],
  ['FE', `class E vehicles with a trailer`, years(5), 3, true],
]);

/** Which law's classes a licence class issued on a given day belongs to. */
export const CLASS_CATALOGUES: readonly Dated<ClassCatalogue>[] = [
  { from: '1970-01-01', until: '2024-12-31', value: RTL_2008_CLASSES },
  { from: '2025-01-01', value: RTOS_2024_CLASSES },
];

export function classCatalogueOn(date: string): ClassCatalogue {
  return inForceOn(CLASS_CATALOGUES, date);
}

/** The definition of a class issued on `issuedOn`, or undefined if that law has no such class. */
export function classDefinition(cls: string, issuedOn: string): LicenceClassDefinition | undefined {
  return classCatalogueOn(issuedOn).classes[cls];
}

/** What an old class becomes on exchange: a new class (maybe restricted), or nothing a licence holds. */
export type ExchangeTarget = { to: string; restriction?: string } | { to: null; instead: string };

export interface ClassExchange {
  from: CatalogueId;
  to: CatalogueId;
  classes: Readonly<Record<string, ExchangeTarget>>;
}

/**
 * Road Traffic Order and Safety Law 2024, art. 89 (transition), as configuration. DOMAIN.md fixes
 * A2→A, A3→B1, B2→B, D→D2, E→D, FC→CE; the rest as we read the law:
 * - A1→A restricted to motorcycles under 175 cm³ / 14 kW: old A1 reached 175 cm³, new A1 stops at 125.
 * - A4 is no longer a licence class: it becomes a specialised-machinery certificate, issued at the office.
 * - B1→B (an automatic-only B1 keeps that restriction on the card; the register does not tell us which).
 *   The law lets B1/B2 holders choose C1 instead; the online service issues B, the office can do C1.
 * - C→C, FB2→BE, FD→D2E, FE→DE: the same vehicles under the new codes.
 */
export const CLASS_EXCHANGES: readonly Dated<ClassExchange>[] = [
  {
    from: '2025-01-01',
    value: {
      from: 'RTL_2008',
      to: 'RTOS_2024',
      classes: {
        A1: { to: 'A', restriction: 'two-wheel motorcycles under 175 cm³ or 14 kW only' },
        A2: { to: 'A' },
        A3: { to: 'B1' },
        A4: { to: null, instead: 'a specialised-machinery certificate for tractors up to 1,000 kg' },
        B1: { to: 'B' },
        B2: { to: 'B' },
        C: { to: 'C' },
        D: { to: 'D2' },
        E: { to: 'D' },
        FB2: { to: 'BE' },
        FC: { to: 'CE' },
        FD: { to: 'D2E' },
        FE: { to: 'DE' },
      },
    },
  },
];

/** The exchange in force on a date, or null before the 2024 law (no exchange between catalogues). */
export function classExchangeOn(date: string): ClassExchange | null {
  const inForce = CLASS_EXCHANGES.filter((e) => e.from <= date && (e.until === undefined || date <= e.until));
  return inForce.length === 0 ? null : inForceOn(inForce, date);
}
