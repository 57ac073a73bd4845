import { EvidenceText, evidenceFields, humanise } from './evidence-view';

const WORDS: Record<string, string> = {
  'evidence.licenceNumber': 'Số giấy phép',
  'evidence.violations': 'Vi phạm',
  'evidence.id': 'Mã',
  'evidence.amount': 'Số tiền',
  'evidence.occurredOn': 'Ngày vi phạm',
  'evidence.UNPAID_VIOLATIONS.total': 'Tổng tiền phạt',
  'evidence.status': 'Tình trạng',
  'licenceStatus.SUSPENDED': 'Tạm giữ',
  'common.yes': 'Có',
  'common.no': 'Không',
  'common.none': 'Không có',
};
const text: EvidenceText = {
  lookup: (key) => WORDS[key] ?? null,
  provinceName: (code) => (code === '01' ? 'Hà Nội' : code),
  language: 'vi',
};

describe('evidence as labelled fields', () => {
  it('labels, formats and translates what the rule stored', () => {
    const fields = evidenceFields(
      'UNPAID_VIOLATIONS',
      {
        violations: [{ id: 'V-1', amount: 800000, occurredOn: '2026-01-02', onHolder: true }],
        total: 800000,
        ownedPlates: [],
        status: 'SUSPENDED',
        issuingProvinceCode: '01',
      },
      text,
    );
    expect(fields).toEqual([
      {
        label: 'Vi phạm',
        rows: [
          [
            { label: 'Mã', value: 'V-1' },
            { label: 'Số tiền', value: '800.000 ₫' },
            { label: 'Ngày vi phạm', value: '02/01/2026' },
            { label: 'On holder', value: 'Có' },
          ],
        ],
      },
      { label: 'Tổng tiền phạt', value: '800.000 ₫' },
      { label: 'Owned plates', value: 'Không có' },
      { label: 'Tình trạng', value: 'Tạm giữ' },
      { label: 'Issuing province code', value: 'Hà Nội' },
    ]);
  });

  it('shows nested records as groups, and nothing for no evidence', () => {
    expect(evidenceFields('X', { driverRecord: { licenceNumber: '010123456789' } }, text)).toEqual([
      { label: 'Driver record', fields: [{ label: 'Số giấy phép', value: '010123456789' }] },
    ]);
    expect(evidenceFields('X', null, text)).toEqual([]);
  });

  it('makes unknown keys readable', () => {
    expect(humanise('heldByApplicant')).toBe('Held by applicant');
    expect(humanise('grace_period')).toBe('Grace period');
  });
});
