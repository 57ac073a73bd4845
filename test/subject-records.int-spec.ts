import { DataSource } from 'typeorm';
import { readSubjectRecords } from '../src/eligibility/subject-records.query';
import { dataSourceOptions } from '../src/database/data-source-options';
import { insertDriver, insertVehicle, insertViolation } from './support/factories/records';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** The applicant's unpaid fines, as the records' checks read them for the subjects of one batch. */
describe('subject records: unpaid fines', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 2 })).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it("lists each fine that is the applicant's once, as violator or on their vehicle, and no one else's", async () => {
    const applicant = await insertDriver(ds);
    const other = await insertDriver(ds);
    const third = await insertDriver(ds);
    await insertVehicle(ds, '30A-111.11', applicant.nationalId);
    await insertVehicle(ds, '30A-222.22', other.nationalId);
    const fine = (
      id: string,
      plate: string | null,
      nationalId: string | null,
      occurredOn: string,
      paid = false,
    ) => insertViolation(ds, { id, plate, nationalId, occurredOn, paid });
    await fine('V-OWN-ON-OWN-CAR', '30A-111.11', applicant.nationalId, '2026-03-01'); // both ways: once
    await fine('V-OTHER-ON-OWN-CAR', '30A-111.11', other.nationalId, '2026-02-01');
    await fine('V-UNKNOWN-ON-OWN-CAR', '30A-111.11', null, '2026-02-01');
    await fine('V-OWN-ON-OTHER-CAR', '30A-222.22', applicant.nationalId, '2026-01-01');
    await fine('V-OWN-NO-PLATE', null, applicant.nationalId, '2026-04-01');
    await fine('V-OWN-PAID', '30A-111.11', applicant.nationalId, '2026-01-15', true);
    await fine('V-OTHER-ON-OTHER-CAR', '30A-222.22', other.nationalId, '2026-01-20');
    await fine('V-THIRD', null, third.nationalId, '2026-01-20');

    const subject = (key: string, nationalId: string) => ({
      key,
      applicationId: null,
      nationalId,
      licenceNumber: '000000000000',
      healthCertificateNumber: null,
    });
    const records = await readSubjectRecords(ds.manager, [
      subject('applicant', applicant.nationalId),
      subject('third', third.nationalId),
    ]);
    expect(records.get('applicant')!.unpaidViolations.map((v) => v.id)).toEqual([
      'V-OWN-ON-OTHER-CAR',
      'V-OTHER-ON-OWN-CAR',
      'V-UNKNOWN-ON-OWN-CAR',
      'V-OWN-ON-OWN-CAR',
      'V-OWN-NO-PLATE',
    ]);
    expect(records.get('applicant')!.unpaidViolations[0]).toEqual({
      id: 'V-OWN-ON-OTHER-CAR',
      plate: '30A-222.22',
      nationalId: applicant.nationalId,
      amount: 800000,
      occurredOn: '2026-01-01',
    });
    expect(records.get('third')!.unpaidViolations.map((v) => v.id)).toEqual(['V-THIRD']);
    expect(records.get('applicant')!.ownedPlates).toEqual(['30A-111.11']);
  });

  it('reads the applicant from their account when the subject names the account, and nothing for a gone account', async () => {
    const driver = await insertDriver(ds, { fullName: 'Trần Thị Bình', dateOfBirth: '1988-02-29', sex: 'F' });
    await insertVehicle(ds, '29B-333.33', driver.nationalId);
    const [{ id: citizenId }] = await ds.query<{ id: string }[]>(
      `INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
       VALUES ($1, 'Trần Thị Bình', '1988-02-29', '0912345678', 'not-a-hash') RETURNING id`,
      [driver.nationalId],
    );
    const byAccount = (key: string, id: string) => ({
      key,
      applicationId: null,
      citizenId: id,
      licenceNumber: '000000000000',
      healthCertificateNumber: null,
    });
    const records = await readSubjectRecords(ds.manager, [
      byAccount('known', citizenId),
      byAccount('gone', '00000000-0000-4000-8000-000000000000'),
      {
        key: 'by-id',
        applicationId: null,
        nationalId: driver.nationalId,
        licenceNumber: '000000000000',
        healthCertificateNumber: null,
      },
    ]);
    expect(records.get('known')!.applicant).toEqual({
      nationalId: driver.nationalId,
      fullName: 'Trần Thị Bình',
      dateOfBirth: '1988-02-29',
    });
    // The account's national ID is the one the records are read by.
    expect(records.get('known')!.driver?.nationalId).toBe(driver.nationalId);
    expect(records.get('known')!.ownedPlates).toEqual(['29B-333.33']);
    expect(records.get('gone')!.applicant).toBeNull();
    expect(records.get('gone')!.driver).toBeNull();
    expect(records.get('gone')!.ownedPlates).toEqual([]);
    // Named by national ID, the applicant is not read (the batch has it with the application).
    expect(records.get('by-id')!.applicant).toBeNull();
    expect(records.get('by-id')!.ownedPlates).toEqual(['29B-333.33']);
  });
});
