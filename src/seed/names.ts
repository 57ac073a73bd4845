import { Random, WeightedPicker } from './random';

export type Sex = 'M' | 'F';

/**
 * Family names by share of the population (per cent), after the commonly cited estimates:
 * Nguyễn ~38 %, Trần ~11 %, Lê ~9.5 %, Phạm ~7 %, Hoàng/Huỳnh ~5 % (Hoàng in the north, Huỳnh in the
 * south), Phan ~4.5 %, Vũ/Võ ~3.9 %, Đặng ~2.1 %, Bùi ~2 %, Đỗ ~1.4 %, Hồ ~1.3 %, Ngô ~1.3 %,
 * Dương ~1 %, Lý ~0.5 %.
 */
export const MAJOR_FAMILY_NAME_SHARES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 2.7],
  ['Huỳnh', 2.3],
  ['Phan', 4.5],
  ['Vũ', 2],
  ['Võ', 1.9],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
];

/** The remaining share is spread over less common names, more to the first ones. */
// prettier-ignore
const OTHER_FAMILY_NAMES = [
  'Đào', 'Đoàn', 'Đinh', 'Trịnh', 'Trương', 'Lâm', 'Phùng', 'Mai', 'Tô', 'Hà', 'Tạ', 'Lương', 'Cao',
  'Lưu', 'Vương', 'Chu', 'Kiều', 'Châu', 'Thái', 'Tăng', 'La', 'Triệu', 'Nông', 'Hứa', 'Lại', 'Khúc',
  'Tôn', 'Lục', 'Âu', 'Diệp', 'Giang', 'Thân', 'Lò', 'Mạc', 'Quan', 'Doãn',
];

const majorTotal = MAJOR_FAMILY_NAME_SHARES.reduce((sum, [, share]) => sum + share, 0);
const otherWeights = OTHER_FAMILY_NAMES.map((_, i) => 1 / (i + 4));
const otherWeightTotal = otherWeights.reduce((sum, w) => sum + w, 0);

export const FAMILY_NAME_SHARES: readonly (readonly [string, number])[] = [
  ...MAJOR_FAMILY_NAME_SHARES,
  ...OTHER_FAMILY_NAMES.map(
    (name, i) => [name, ((100 - majorTotal) * otherWeights[i]) / otherWeightTotal] as const,
  ),
];

const familyNames = new WeightedPicker(FAMILY_NAME_SHARES);

// Văn and Thị are the traditional middle names; younger people carry them less often.
// prettier-ignore
const maleMiddleNames = new WeightedPicker<string>([
  ['Văn', 45], ['Đức', 8], ['Minh', 8], ['Quang', 6], ['Hữu', 6], ['Công', 5], ['Thanh', 4], ['Xuân', 3],
  ['Ngọc', 3], ['Tuấn', 2], ['Anh', 2], ['Việt', 2], ['Trọng', 2], ['Duy', 2], ['Thành', 2], ['Gia', 2],
]);
// prettier-ignore
const femaleMiddleNames = new WeightedPicker<string>([
  ['Thị', 50], ['Ngọc', 8], ['Thu', 5], ['Thanh', 5], ['Minh', 4], ['Kim', 4], ['Phương', 3], ['Hồng', 3],
  ['Thùy', 3], ['Bảo', 3], ['Mai', 3], ['Quỳnh', 3], ['Khánh', 2], ['Hoài', 2], ['Diệu', 2],
]);

// prettier-ignore
const MALE_GIVEN_NAMES = [
  'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chiến', 'Công', 'Dũng', 'Duy', 'Đạt', 'Đông', 'Đức', 'Giang',
  'Hải', 'Hậu', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng', 'Huy', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm',
  'Long', 'Lộc', 'Lực', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân',
  'Quang', 'Quý', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thái', 'Thắng', 'Thành', 'Thịnh', 'Thuận', 'Tiến',
  'Toàn', 'Trí', 'Trung', 'Trường', 'Tú', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Vương',
];
// prettier-ignore
const FEMALE_GIVEN_NAMES = [
  'An', 'Anh', 'Ánh', 'Bích', 'Châu', 'Chi', 'Cúc', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng',
  'Hiền', 'Hoa', 'Hồng', 'Huệ', 'Hương', 'Huyền', 'Khánh', 'Lan', 'Liên', 'Linh', 'Loan', 'Ly', 'Mai',
  'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung', 'Oanh', 'Phượng', 'Phương', 'Quyên', 'Quỳnh', 'Tâm',
  'Thảo', 'Thanh', 'Thoa', 'Thu', 'Thúy', 'Thủy', 'Thư', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên',
  'Vân', 'Vy', 'Xuân', 'Yến',
];

export function randomFamilyName(random: Random): string {
  return familyNames.pick(random);
}

/** A full name in Vietnamese order: family name, middle name (most people have one), given name. */
export function randomFullName(random: Random, sex: Sex): string {
  const family = familyNames.pick(random);
  const given = random.pick(sex === 'M' ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
  if (random.chance(0.04)) return `${family} ${given}`;
  const middle = (sex === 'M' ? maleMiddleNames : femaleMiddleNames).pick(random);
  return `${family} ${middle} ${given}`;
}

/** Lower-case ASCII form of a Vietnamese name (for e-mail addresses): "Đặng Thị Ánh" → "dangthianh". */
export function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
