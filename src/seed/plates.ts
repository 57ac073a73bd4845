import { AffinePermutation, Random } from './random';

export type VehicleType = 'CAR' | 'TRUCK' | 'MOTORBIKE';

/**
 * Two-digit plate codes of each province since July 2025: the merged provinces keep the plate codes
 * of every province merged into them (e.g. Thành phố Hồ Chí Minh 41 and 50–59, plus 61 Bình Dương and
 * 72 Bà Rịa – Vũng Tàu).
 */
// prettier-ignore
export const PLATE_CODES: Readonly<Record<string, readonly string[]>> = {
  '01': ['29', '30', '31', '32', '33', '40'], '04': ['11'], '08': ['22', '23'], '11': ['27'], '12': ['25'],
  '14': ['26'], '15': ['24', '21'], '19': ['20', '97'], '20': ['12'], '22': ['14'], '24': ['99', '98'],
  '25': ['19', '88', '28'], '31': ['15', '16', '34'], '33': ['89', '17'], '37': ['35', '90', '18'],
  '38': ['36'], '40': ['37'], '42': ['38'], '44': ['74', '73'], '46': ['75'], '48': ['43', '92'],
  '51': ['76', '82'], '52': ['81', '77'], '56': ['79', '85'], '66': ['47', '78'], '68': ['49', '48', '86'],
  '75': ['60', '93'], '79': ['51', '59', '50', '41', '52', '53', '54', '55', '56', '57', '58', '61', '72'],
  '80': ['70', '62'], '82': ['66', '63'], '86': ['64', '71', '84'], '91': ['67', '68'], '92': ['65', '83', '95'],
  '96': ['69', '94'],
};

// Series letters: cars of private owners, trucks (C), and motorbikes (a letter and a digit).
const CAR_SERIES = ['A', 'E', 'F', 'G', 'H', 'K'];
const TRUCK_SERIES = ['C'];
const MOTORBIKE_SERIES = [
  'B',
  'D',
  'E',
  'F',
  'G',
  'H',
  'K',
  'L',
  'M',
  'N',
  'P',
  'S',
  'T',
  'U',
  'V',
  'X',
  'Y',
  'Z',
].flatMap((letter) => ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => letter + digit));

const SERIALS_PER_SERIES = 99_999; // 000.01 … 999.99

export const CAR_PLATE = /^\d{2}[A-Z]-\d{3}\.\d{2}$/;
export const MOTORBIKE_PLATE = /^\d{2}-[A-Z]\d \d{3}\.\d{2}$/;

/** `29A-123.45` for cars and trucks, `29-B1 123.45` for motorbikes. */
export function formatPlate(type: VehicleType, code: string, series: string, serial: number): string {
  const digits = String(serial).padStart(5, '0');
  const number = `${digits.slice(0, 3)}.${digits.slice(3)}`;
  return type === 'MOTORBIKE' ? `${code}-${series} ${number}` : `${code}${series}-${number}`;
}

function seriesFor(type: VehicleType): readonly string[] {
  if (type === 'MOTORBIKE') return MOTORBIKE_SERIES;
  return type === 'TRUCK' ? TRUCK_SERIES : CAR_SERIES;
}

/**
 * Hands out plates that never repeat: per plate code and vehicle type a counter, mapped through a
 * random-looking bijection onto (series, serial). Plates in `reserved` (the demo data's) are skipped.
 */
export class PlateAllocator {
  private readonly counters = new Map<string, number>();
  private readonly permutations = new Map<string, AffinePermutation>();

  constructor(
    private readonly random: Random,
    private readonly reserved: ReadonlySet<string> = new Set(),
  ) {}

  next(type: VehicleType, provinceCode: string): string {
    const codes = PLATE_CODES[provinceCode];
    if (!codes) throw new Error(`no plate codes for province ${provinceCode}`);
    const code = this.random.pick(codes);
    const series = seriesFor(type);
    const key = `${code}:${type}`;
    let permutation = this.permutations.get(key);
    if (!permutation) {
      permutation = new AffinePermutation(series.length * SERIALS_PER_SERIES, this.random);
      this.permutations.set(key, permutation);
    }
    for (;;) {
      const counter = this.counters.get(key) ?? 0;
      if (counter >= permutation.size) throw new Error(`plate code ${code} has no ${type} plates left`);
      this.counters.set(key, counter + 1);
      const n = permutation.at(counter);
      const plate = formatPlate(
        type,
        code,
        series[Math.floor(n / SERIALS_PER_SERIES)],
        (n % SERIALS_PER_SERIES) + 1,
      );
      if (!this.reserved.has(plate)) return plate;
    }
  }
}
