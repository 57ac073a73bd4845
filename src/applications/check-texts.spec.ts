import { evaluateEligibility } from '../eligibility/evaluate-eligibility';
import type { EligibilityInput } from '../eligibility/eligibility-input';
import { describeCheck } from './check-texts';

const input: EligibilityInput = {
  applicationType: 'RENEWAL',
  applicant: { nationalId: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-12' },
  driver: { nationalId: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-12', sex: 'M' },
  licenceNumber: '010123456789',
  licence: {
    number: '010123456789',
    nationalId: '001090012345',
    cardKind: 'PET',
    origin: 'DOMESTIC',
    status: 'SUSPENDED',
    suspendedUntil: '2026-12-31',
    statusReason: null,
    statusChangedOn: '2026-06-01',
    points: 12,
    issuingProvinceCode: '01',
    classes: [{ class: 'B', issuedOn: '2016-05-01', expiresOn: '2026-05-01' }],
  },
  healthCertificateNumber: null,
  healthCertificate: null,
  unpaidViolations: [
    { id: 'V-1', plate: '29A-123.45', nationalId: null, amount: 800000, occurredOn: '2026-01-02' },
    { id: 'V-2', plate: null, nationalId: '001090012345', amount: 1200000, occurredOn: '2026-02-03' },
  ],
  ownedPlates: ['29A-123.45'],
  otherOpenApplications: [],
  today: '2026-12-07',
};

const stored = (rule: string) => {
  const r = evaluateEligibility(input).find((x) => x.rule === rule)!;
  return { ...r, action: r.action ?? null, texts: { detail: r.text ?? [], action: r.actionText ?? [] } };
};

describe('check results in the reader’s language', () => {
  it('writes each rule’s own sentence with its values formatted', () => {
    expect(describeCheck(stored('UNPAID_VIOLATIONS'), 'vi')).toEqual({
      detail: 'Còn 2 vi phạm chưa nộp phạt, tổng 2.000.000 ₫: V-1 và V-2.',
      action: 'Nộp phạt các vi phạm trên, rồi nộp lại hồ sơ khi đã được ghi nhận.',
    });
    expect(describeCheck(stored('UNPAID_VIOLATIONS'), 'en').detail).toBe(
      'There are 2 unpaid traffic fines totalling 2,000,000 VND: V-1 and V-2.',
    );
    expect(describeCheck(stored('LICENCE_STATUS'), 'vi')).toEqual({
      detail: 'Giấy phép 010123456789 đang bị tạm giữ đến 31/12/2026 (lý do: không ghi lý do).',
      action: 'Nộp lại từ ngày 01/01/2027, khi hết thời hạn tạm giữ.',
    });
  });

  it('has words for every sentence every rule can say, in both languages', () => {
    for (const result of evaluateEligibility(input)) {
      for (const lang of ['vi', 'en'] as const) {
        const { detail, action } = describeCheck(
          {
            ...result,
            action: result.action ?? null,
            texts: { detail: result.text, action: result.actionText },
          },
          lang,
        );
        expect({ rule: result.rule, detail }).not.toEqual({
          rule: result.rule,
          detail: expect.stringMatching(/checkText\.|\{\w+\}|\d{4}-\d{2}-\d{2}/),
        });
        expect(action ?? '').not.toMatch(/checkText\.|\{\w+\}|\d{4}-\d{2}-\d{2}/);
      }
    }
  });

  it('falls back for results stored before rules spoke in keys: English as recorded, the general sentence in Vietnamese', () => {
    const old = {
      rule: 'LICENCE_FOUND',
      outcome: 'PASS',
      detail: 'Licence X is in the register.',
      action: null,
    };
    expect(describeCheck(old, 'en')).toEqual({ detail: 'Licence X is in the register.', action: null });
    expect(describeCheck(old, 'vi').detail).toBe('Giấy phép có trong sổ đăng ký quốc gia và đứng tên bạn.');
  });
});

describe('the rules’ sentences', () => {
  // Every key a rule can say is in both translation files (a template key by its fixed prefix).
  it('are all in the translation files', () => {
    const { readdirSync, readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const { join } = jest.requireActual<typeof import('node:path')>('node:path');
    const dir = join(__dirname, '..', 'eligibility', 'rules');
    const vi = jest.requireActual<Record<string, string>>('../web/i18n/vi.json');
    const en = jest.requireActual<Record<string, string>>('../web/i18n/en.json');
    const said = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/say\(\s*['`]([^'`]+)['`]/g)].map((m) => m[1]),
      );
    expect(said.length).toBeGreaterThan(50);
    for (const key of said) {
      const fixed = `checkText.${key.split('${')[0]}`;
      const known = (file: Record<string, string>) =>
        key.includes('${') ? Object.keys(file).some((k) => k.startsWith(fixed)) : fixed in file;
      expect({ key, vi: known(vi), en: known(en) }).toEqual({ key, vi: true, en: true });
    }
  });
});
