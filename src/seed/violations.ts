import { addMonths, Day, isoDay, yearOf } from './dates';
import type { VehicleType } from './plates';
import { Random } from './random';
import type { ViolationRow } from './rows';

interface Offence {
  description: string;
  /** Fine range in VND (Decree 168/2024), drawn in steps of 100,000. */
  min: number;
  max: number;
}

// prettier-ignore
const CAR_OFFENCES: readonly Offence[] = [
  { description: 'Không chấp hành hiệu lệnh của đèn tín hiệu giao thông', min: 18_000_000, max: 20_000_000 },
  { description: 'Chạy quá tốc độ quy định từ 10 km/h đến 20 km/h', min: 4_000_000, max: 6_000_000 },
  { description: 'Chạy quá tốc độ quy định từ 20 km/h đến 35 km/h', min: 6_000_000, max: 8_000_000 },
  { description: 'Dừng, đỗ xe ở nơi có biển cấm dừng, cấm đỗ', min: 800_000, max: 1_000_000 },
  { description: 'Không chấp hành chỉ dẫn của vạch kẻ đường', min: 600_000, max: 800_000 },
  { description: 'Điều khiển xe mà trong hơi thở có nồng độ cồn chưa vượt quá 0,25 miligam/1 lít khí thở', min: 6_000_000, max: 8_000_000 },
];
// prettier-ignore
const MOTORBIKE_OFFENCES: readonly Offence[] = [
  { description: 'Không chấp hành hiệu lệnh của đèn tín hiệu giao thông', min: 4_000_000, max: 6_000_000 },
  { description: 'Không đội mũ bảo hiểm khi điều khiển xe', min: 400_000, max: 600_000 },
  { description: 'Chạy quá tốc độ quy định từ 5 km/h đến dưới 10 km/h', min: 400_000, max: 600_000 },
  { description: 'Dùng tay cầm và sử dụng điện thoại khi đang điều khiển xe', min: 800_000, max: 1_000_000 },
  { description: 'Đi vào khu vực cấm, đường có biển báo cấm', min: 1_000_000, max: 2_000_000 },
];

/** Draws traffic violations with ids `V-<year>-<serial>` (six digits at least, one series for all). */
export class ViolationFactory {
  private serial = 0;
  private readonly unpaidFrom: Day;
  private readonly paidFrom: Day;

  constructor(
    private readonly random: Random,
    private readonly today: Day,
  ) {
    this.unpaidFrom = addMonths(today, -18);
    this.paidFrom = addMonths(today, -60);
  }

  /**
   * One violation. An unpaid one happened in the last 18 months; a settled one in the last 5 years.
   * `nationalId` null means it was recorded against the plate only (a camera, "phạt nguội").
   */
  violation(
    vehicleType: VehicleType,
    plate: string | null,
    nationalId: string | null,
    paid: boolean,
  ): ViolationRow {
    const random = this.random;
    const offence = random.pick(vehicleType === 'MOTORBIKE' ? MOTORBIKE_OFFENCES : CAR_OFFENCES);
    const steps = (offence.max - offence.min) / 100_000;
    const occurredOn = random.int(paid ? this.paidFrom : this.unpaidFrom, this.today - 1);
    this.serial++;
    return {
      id: `V-${yearOf(occurredOn)}-${String(this.serial).padStart(6, '0')}`,
      plate,
      nationalId,
      amount: offence.min + 100_000 * random.int(0, steps),
      paid,
      occurredOn: isoDay(occurredOn),
      description: offence.description,
    };
  }
}
