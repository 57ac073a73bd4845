import { parseRecordLine } from './parse-record-line';
import { DRIVERS, HEALTH_CERTIFICATES, licenceClassParams, upsertParams, upsertSql } from './record-writers';
import type { HealthCertificateRecord, LicenceRecord } from './reference-record';

function parsed<T>(record: object): T {
  const result = parseRecordLine(JSON.stringify(record));
  if (!result.ok) throw new Error(result.error);
  return result.record as T;
}

describe('upsertSql', () => {
  it('carries each column as one array parameter, whatever the batch size', () => {
    const sql = upsertSql(DRIVERS);
    expect(sql).toContain('unnest($1::text[], $2::text[], $3::date[]');
    expect(sql).not.toContain('$10');
    expect(sql).toContain('ON CONFLICT (national_id) DO UPDATE SET full_name = EXCLUDED.full_name');
    expect(sql).toContain('updated_at = now()');
    // Only a real change rewrites the row.
    expect(sql).toMatch(/WHERE \(t\.full_name, .*\) IS DISTINCT FROM \(EXCLUDED\.full_name, /);
  });

  it('sends health groups as array literals cast back to smallint[]', () => {
    const certificate = parsed<HealthCertificateRecord>({
      kind: 'healthCertificate',
      number: 'HC-1',
      nationalId: '001090012345',
      issuedOn: '2026-01-01',
      validUntil: '2027-01-01',
      result: 'FIT',
      groups: [1, 3],
    });
    expect(upsertSql(HEALTH_CERTIFICATES)).toContain('u.groups::smallint[]');
    const params = upsertParams(HEALTH_CERTIFICATES, [certificate, certificate]);
    expect(params).toHaveLength(HEALTH_CERTIFICATES.columns.length);
    expect(params[5]).toEqual(['{1,3}', '{1,3}']);
  });
});

describe('licenceClassParams', () => {
  it('flattens the classes of every licence and lists the licences whose classes it replaces', () => {
    const licence = (number: string, classes: string[]) =>
      parsed<LicenceRecord>({
        kind: 'licence',
        number,
        nationalId: '001090012345',
        cardKind: 'PET',
        status: 'VALID',
        issuingProvinceCode: '01',
        classes: classes.map((c) => ({ class: c, issuedOn: '2020-01-01' })),
      });
    const params = licenceClassParams([licence('010000000001', ['A1', 'B']), licence('010000000002', ['C'])]);
    expect(params).toEqual([
      ['010000000001', '010000000001', '010000000002'],
      ['A1', 'B', 'C'],
      ['2020-01-01', '2020-01-01', '2020-01-01'],
      [null, null, null],
      ['010000000001', '010000000002'],
      [false, false, false],
    ]);
  });
});
