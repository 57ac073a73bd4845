import { lastPerKey, PendingBatch } from './pending-batch';
import { parseRecordLine } from './parse-record-line';

const vehicle = (plate: string, vehicleType: string) =>
  JSON.stringify({ kind: 'vehicle', plate, ownerNationalId: '001090012345', vehicleType });

describe('PendingBatch', () => {
  it('keeps records per kind in line order and the refused lines apart', () => {
    const batch = new PendingBatch();
    batch.take(1, parseRecordLine(vehicle('29A-123.45', 'CAR')));
    batch.take(3, parseRecordLine('not json'));
    batch.take(4, parseRecordLine(vehicle('29A-678.90', 'CAR')));
    expect(batch.size).toBe(3);
    expect(batch.lastLine).toBe(4);
    expect(batch.entries('vehicle').map((e) => e.line)).toEqual([1, 4]);
    expect(batch.entries('driver')).toEqual([]);
    expect(batch.refused).toEqual([{ line: 3, message: expect.stringMatching(/not valid JSON/) }]);
  });
});

describe('lastPerKey', () => {
  it('keeps one record per key, the last line winning', () => {
    const batch = new PendingBatch();
    batch.take(1, parseRecordLine(vehicle('29A-123.45', 'CAR')));
    batch.take(2, parseRecordLine(vehicle('29A-678.90', 'CAR')));
    batch.take(3, parseRecordLine(vehicle('29A-123.45', 'TRUCK')));
    expect(lastPerKey(batch.entries('vehicle')).map((v) => [v.plate, v.vehicleType])).toEqual([
      ['29A-123.45', 'TRUCK'],
      ['29A-678.90', 'CAR'],
    ]);
  });
});
