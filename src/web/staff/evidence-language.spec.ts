import {
  cleanRenewal,
  FIXTURE_TODAY,
  withCertificate,
  withLicence,
} from '../../eligibility/eligibility-fixtures';
import type { EligibilityInput } from '../../eligibility/eligibility-input';
import { evaluateEligibility } from '../../eligibility/evaluate-eligibility';
import { provinceName } from '../i18n/province-names';
import { Language, loadMessages } from '../i18n/translator';
import { EvidenceField, evidenceFields, EvidenceText } from './evidence-view';

/**
 * Applications that between them reach every outcome of every rule (PASS, FLAG, FAIL, NOT_CHECKED),
 * so every shape of evidence the rules store is rendered below.
 */
function inputs(): Record<string, EligibilityInput> {
  const renewal = cleanRenewal();
  return {
    clean: renewal,
    notInRegister: { ...renewal, licence: null },
    someoneElses: withLicence({ nationalId: '001090099999' }),
    noDriverRecord: { ...renewal, driver: null },
    nameMismatch: { ...renewal, applicant: { ...renewal.applicant, fullName: 'Lê Thị Hoa' } },
    idDigitsDisagree: {
      ...renewal,
      driver: { ...renewal.driver!, dateOfBirth: '1970-05-14' },
      applicant: { ...renewal.applicant, dateOfBirth: '1970-05-14' },
    },
    foreign: withLicence({ origin: 'FOREIGN' }),
    suspended: withLicence({
      status: 'SUSPENDED',
      suspendedUntil: '2026-06-01',
      statusReason: 'Quyết định xử phạt 12/QĐ',
      statusChangedOn: '2026-01-02',
    }),
    revoked: withLicence({ status: 'REVOKED', statusChangedOn: '2025-01-02' }),
    noPoints: withLicence({ points: 0 }),
    tooEarly: withLicence({ classes: [{ class: 'B2', issuedOn: '2016-08-15', expiresOn: '2027-12-01' }] }),
    lapsed: withLicence({
      classes: [
        { class: 'B2', issuedOn: '2016-08-15', expiresOn: '2024-01-01' },
        { class: 'C', issuedOn: '2016-08-15', expiresOn: '2025-11-01' },
      ],
    }),
    paperOldClasses: withLicence({
      cardKind: 'PAPER',
      classes: [
        { class: 'A4', issuedOn: '2014-01-01', expiresOn: '2026-08-01' },
        { class: 'B3', issuedOn: '2016-08-15', expiresOn: '2026-08-15' },
        { class: 'B1', issuedOn: '2016-08-15', expiresOn: '2026-08-15', automaticOnly: true },
      ],
    }),
    unfitOldCertificate: withCertificate({
      result: 'UNFIT',
      electronic: false,
      issuedOn: '2024-01-01',
      validUntil: '2025-01-01',
      groups: [1],
    }),
    noCertificate: { ...renewal, healthCertificateNumber: null, healthCertificate: null },
    certificateNotFound: { ...renewal, healthCertificate: null },
    othersCertificate: withCertificate({ nationalId: '001090099999' }),
    fined: {
      ...renewal,
      unpaidViolations: [
        {
          id: 'VP-1',
          plate: null,
          nationalId: renewal.applicant.nationalId,
          amount: 800_000,
          occurredOn: '2026-01-02',
        },
        { id: 'VP-2', plate: '29A-123.45', nationalId: null, amount: 170_000, occurredOn: '2026-02-02' },
      ],
    },
    openElsewhere: { ...renewal, otherOpenApplications: [{ id: 'x', reference: '01-2026-000042' }] },
    detailsChange: {
      ...withLicence({ nameOnCard: 'NGUYỄN VĂN AN', dateOfBirthOnCard: '1990-05-14' }),
      applicationType: 'DETAILS_CHANGE',
      newDetails: { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14' },
    },
    detailsNotAsRecord: {
      ...renewal,
      applicationType: 'DETAILS_CHANGE',
      newDetails: { fullName: 'Nguyễn Văn Bình' },
    },
    conversionOfPet: { ...renewal, applicationType: 'PAPER_CONVERSION' },
  };
}

function textIn(language: Language, misses: string[]): EvidenceText {
  const messages = loadMessages(language);
  return {
    language,
    provinceName,
    lookup: (key) => {
      const found = messages[key] ?? null;
      // A label found under neither key falls back to the key made readable: that is English.
      if (found === null && key.startsWith('evidence.') && !/^evidence\.[A-Z_]+\./.test(key))
        misses.push(key);
      return found;
    },
  };
}

const flatten = (fields: EvidenceField[]): EvidenceField[] =>
  fields.flatMap((f) => [f, ...flatten(f.fields ?? []), ...(f.rows ?? []).flatMap(flatten)]);

/** Words that only English text has: a Vietnamese page showing one of them shows English. */
const ENGLISH =
  /\b(the|and|of|is|are|not|no|yes|none|was|by|with|from|to|month|months|day|days|year|years|class|licence|digit|digits|record|says|born|female|male|issued|valid|card|fit|unfit|theory|format|held|owned)\b/i;

describe('check evidence in the staff language', () => {
  const outcomes = new Set<string>();
  const rendered: { name: string; rule: string; outcome: string; fields: EvidenceField[] }[] = [];
  const misses: string[] = [];
  const text = textIn('vi', misses);
  for (const [name, input] of Object.entries(inputs())) {
    for (const result of evaluateEligibility(input, FIXTURE_TODAY)) {
      outcomes.add(`${result.rule}:${result.outcome}`);
      rendered.push({
        name,
        rule: result.rule,
        outcome: result.outcome,
        fields: flatten(evidenceFields(result.rule, result.evidence, text)),
      });
    }
  }

  it('covers every outcome each rule can give', () => {
    for (const rule of ['LICENCE_FOUND', 'IDENTITY_MATCH', 'LICENCE_POINTS', 'EXPIRY_WINDOW']) {
      expect([...outcomes].filter((o) => o.startsWith(`${rule}:`)).length).toBeGreaterThanOrEqual(3);
    }
    for (const outcome of ['PASS', 'FLAG', 'FAIL', 'NOT_CHECKED']) {
      expect([...outcomes].some((o) => o.endsWith(`:${outcome}`))).toBe(true);
    }
  });

  it('labels every field of every evidence from the translation files', () => {
    expect([...new Set(misses)]).toEqual([]);
  });

  it('writes no value in English on a Vietnamese page', () => {
    const english = rendered.flatMap(({ name, rule, fields }) =>
      fields
        .filter((f) => f.value !== undefined && ENGLISH.test(f.value))
        .map((f) => `${name} ${rule} ${f.label}: ${f.value}`),
    );
    expect(english).toEqual([]);
  });

  it('writes the English page in English', () => {
    const englishMisses: string[] = [];
    const en = textIn('en', englishMisses);
    const fined = evaluateEligibility(inputs().fined, FIXTURE_TODAY).find(
      (r) => r.rule === 'UNPAID_VIOLATIONS',
    )!;
    const lapsed = evaluateEligibility(inputs().lapsed, FIXTURE_TODAY).find(
      (r) => r.rule === 'EXPIRY_WINDOW',
    )!;
    const values = [fined, lapsed].flatMap((r) =>
      flatten(evidenceFields(r.rule, r.evidence, en)).map((f) => `${f.label}: ${f.value ?? ''}`),
    );
    expect(values).toEqual(
      expect.arrayContaining(['Amount: 800,000 VND', 'Total: 970,000 VND', 'Overdue by: 2 years 2 months']),
    );
    expect(englishMisses).toEqual([]);
  });
});
