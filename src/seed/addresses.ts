import { PROVINCES } from '../records/provinces.data';
import { Random, WeightedPicker } from './random';

interface ProvinceProfile {
  /** Population in millions after the July 2025 merger (rounded official estimates). */
  population: number;
  /** A few of the province's communes and wards (names after the 2025 reorganisation). */
  communes: readonly string[];
}

// prettier-ignore
export const PROVINCE_PROFILES: Readonly<Record<string, ProvinceProfile>> = {
  '01': { population: 8.72, communes: ['Phường Hoàn Kiếm', 'Phường Ba Đình', 'Phường Đống Đa', 'Phường Cầu Giấy', 'Phường Hai Bà Trưng', 'Phường Tây Hồ', 'Phường Hoàng Mai', 'Phường Long Biên', 'Phường Hà Đông', 'Xã Sóc Sơn', 'Xã Đông Anh', 'Xã Gia Lâm'] },
  '04': { population: 0.57, communes: ['Phường Thục Phán', 'Phường Tân Giang', 'Xã Hòa An', 'Xã Trùng Khánh'] },
  '08': { population: 1.87, communes: ['Phường Minh Xuân', 'Phường Hà Giang 1', 'Xã Sơn Dương', 'Xã Yên Sơn'] },
  '11': { population: 0.65, communes: ['Phường Điện Biên Phủ', 'Phường Mường Thanh', 'Xã Tuần Giáo'] },
  '12': { population: 0.51, communes: ['Phường Tân Phong', 'Phường Đoàn Kết', 'Xã Tam Đường', 'Xã Than Uyên'] },
  '14': { population: 1.33, communes: ['Phường Tô Hiệu', 'Phường Chiềng Sinh', 'Xã Mai Sơn', 'Xã Thuận Châu'] },
  '15': { population: 1.78, communes: ['Phường Lào Cai', 'Phường Cam Đường', 'Phường Yên Bái', 'Phường Sa Pa', 'Xã Bảo Thắng'] },
  '19': { population: 1.8, communes: ['Phường Phan Đình Phùng', 'Phường Gia Sàng', 'Phường Sông Công', 'Phường Bắc Kạn', 'Xã Phú Bình'] },
  '20': { population: 0.8, communes: ['Phường Lương Văn Tri', 'Phường Tam Thanh', 'Phường Đông Kinh', 'Xã Cao Lộc'] },
  '22': { population: 1.43, communes: ['Phường Hạ Long', 'Phường Bãi Cháy', 'Phường Cẩm Phả', 'Phường Uông Bí', 'Phường Đông Triều'] },
  '24': { population: 3.62, communes: ['Phường Kinh Bắc', 'Phường Võ Cường', 'Phường Từ Sơn', 'Phường Bắc Giang', 'Xã Lục Nam'] },
  '25': { population: 4.02, communes: ['Phường Việt Trì', 'Phường Phú Thọ', 'Phường Vĩnh Phúc', 'Phường Vĩnh Yên', 'Phường Hòa Bình', 'Xã Lâm Thao'] },
  '31': { population: 4.66, communes: ['Phường Hồng Bàng', 'Phường Lê Chân', 'Phường Ngô Quyền', 'Phường Hải An', 'Phường Kiến An', 'Phường Hải Dương', 'Xã An Lão'] },
  '33': { population: 3.57, communes: ['Phường Phố Hiến', 'Phường Sơn Nam', 'Phường Thái Bình', 'Phường Trần Lãm', 'Xã Văn Giang'] },
  '37': { population: 4.41, communes: ['Phường Hoa Lư', 'Phường Tam Điệp', 'Phường Phủ Lý', 'Phường Nam Định', 'Xã Kim Sơn'] },
  '38': { population: 4.3, communes: ['Phường Hạc Thành', 'Phường Đông Sơn', 'Phường Sầm Sơn', 'Phường Bỉm Sơn', 'Xã Thọ Xuân'] },
  '40': { population: 3.83, communes: ['Phường Thành Vinh', 'Phường Trường Vinh', 'Phường Cửa Lò', 'Phường Hoàng Mai', 'Xã Diễn Châu'] },
  '42': { population: 1.62, communes: ['Phường Thành Sen', 'Phường Trần Phú', 'Phường Hồng Lĩnh', 'Xã Can Lộc'] },
  '44': { population: 1.87, communes: ['Phường Đông Hà', 'Phường Nam Đông Hà', 'Phường Đồng Hới', 'Phường Ba Đồn', 'Xã Hải Lăng'] },
  '46': { population: 1.43, communes: ['Phường Thuận Hóa', 'Phường Phú Xuân', 'Phường Hương Thủy', 'Phường Hương Trà', 'Xã Phú Vang'] },
  '48': { population: 3.07, communes: ['Phường Hải Châu', 'Phường Thanh Khê', 'Phường Sơn Trà', 'Phường Ngũ Hành Sơn', 'Phường Hội An', 'Phường Tam Kỳ', 'Xã Hòa Vang'] },
  '51': { population: 2.16, communes: ['Phường Cẩm Thành', 'Phường Nghĩa Lộ', 'Phường Kon Tum', 'Phường Đức Phổ', 'Xã Bình Sơn'] },
  '52': { population: 3.58, communes: ['Phường Pleiku', 'Phường Quy Nhơn', 'Phường An Nhơn', 'Phường An Khê', 'Xã Tây Sơn'] },
  '56': { population: 2.24, communes: ['Phường Nha Trang', 'Phường Cam Ranh', 'Phường Ninh Hòa', 'Phường Phan Rang', 'Xã Diên Khánh'] },
  '66': { population: 3.35, communes: ['Phường Buôn Ma Thuột', 'Phường Tân An', 'Phường Tuy Hòa', 'Phường Buôn Hồ', 'Xã Krông Pắc'] },
  '68': { population: 3.87, communes: ['Phường Xuân Hương - Đà Lạt', 'Phường Bảo Lộc 1', 'Phường Phan Thiết', 'Phường Gia Nghĩa', 'Xã Đức Trọng'] },
  '75': { population: 4.49, communes: ['Phường Biên Hòa', 'Phường Trấn Biên', 'Phường Long Khánh', 'Phường Đồng Xoài', 'Xã Long Thành'] },
  '79': { population: 14.0, communes: ['Phường Sài Gòn', 'Phường Bến Thành', 'Phường Tân Định', 'Phường Bình Thạnh', 'Phường Gò Vấp', 'Phường Tân Bình', 'Phường Phú Nhuận', 'Phường Thủ Đức', 'Phường Thủ Dầu Một', 'Phường Dĩ An', 'Phường Vũng Tàu', 'Xã Củ Chi', 'Xã Bình Chánh', 'Xã Cần Giờ'] },
  '80': { population: 3.25, communes: ['Phường Tân Ninh', 'Phường Long An', 'Phường Tân An', 'Phường Hòa Thành', 'Xã Đức Hòa'] },
  '82': { population: 4.37, communes: ['Phường Cao Lãnh', 'Phường Sa Đéc', 'Phường Mỹ Tho', 'Phường Gò Công', 'Xã Cái Bè'] },
  '86': { population: 4.26, communes: ['Phường Thanh Đức', 'Phường Long Châu', 'Phường Bến Tre', 'Phường Trà Vinh', 'Xã Mỏ Cày'] },
  '91': { population: 4.95, communes: ['Phường Long Xuyên', 'Phường Châu Đốc', 'Phường Rạch Giá', 'Phường Hà Tiên', 'Xã Tri Tôn'] },
  '92': { population: 4.2, communes: ['Phường Ninh Kiều', 'Phường Cái Răng', 'Phường Bình Thủy', 'Phường Sóc Trăng', 'Phường Vị Thanh', 'Xã Phong Điền'] },
  '96': { population: 2.61, communes: ['Phường An Xuyên', 'Phường Tân Thành', 'Phường Bạc Liêu', 'Phường Giá Rai', 'Xã Năm Căn'] },
};

// Street names found in nearly every Vietnamese town.
// prettier-ignore
const STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Hùng Vương',
  'Lê Duẩn', 'Nguyễn Trãi', 'Trần Phú', 'Phan Chu Trinh', 'Phan Bội Châu', 'Nguyễn Du', 'Lê Lai',
  'Nguyễn Văn Cừ', 'Điện Biên Phủ', 'Võ Thị Sáu', 'Nguyễn Thị Minh Khai', 'Lê Thánh Tông', 'Bà Triệu',
  'Trường Chinh', 'Cách Mạng Tháng Tám', 'Nguyễn Chí Thanh', 'Võ Nguyên Giáp', 'Lạc Long Quân',
  'Tôn Đức Thắng', 'Ngô Quyền', 'Lý Tự Trọng', 'Chu Văn An', 'Nguyễn Đình Chiểu', 'Lê Hồng Phong',
  'Hoàng Văn Thụ', 'Pasteur', 'Yersin', 'Đinh Tiên Hoàng', 'Trần Quốc Toản', 'Nguyễn Thái Học',
];

export const provincePicker = new WeightedPicker(
  PROVINCES.map((p) => {
    const profile = PROVINCE_PROFILES[p.code];
    if (!profile) throw new Error(`no population profile for province ${p.code}`);
    return [p.code, profile.population] as const;
  }),
);

/** Southern provinces call a rural hamlet "ấp" and a lane "hẻm"; the rest "thôn" and "ngõ". */
const SOUTHERN_FROM_CODE = 75;

export interface Address {
  street: string;
  commune: string;
  provinceCode: string;
}

/** A province drawn by population, so Thành phố Hồ Chí Minh and Hà Nội come up most. */
export function randomProvinceCode(random: Random): string {
  return provincePicker.pick(random);
}

export function randomAddress(random: Random, provinceCode: string): Address {
  const commune = random.pick(PROVINCE_PROFILES[provinceCode].communes);
  let street: string;
  if (commune.startsWith('Xã')) {
    const hamlet = Number(provinceCode) >= SOUTHERN_FROM_CODE ? 'Ấp' : 'Thôn';
    street = `${random.int(1, 120)} ${hamlet} ${random.int(1, 12)}`;
  } else if (random.chance(0.3)) {
    const lane = Number(provinceCode) >= SOUTHERN_FROM_CODE ? 'hẻm' : 'ngõ';
    street = `Số ${random.int(1, 60)} ${lane} ${random.int(2, 300)} ${random.pick(STREETS)}`;
  } else {
    const alley = random.chance(0.25) ? `/${random.int(1, 40)}` : '';
    street = `${random.int(1, 450)}${alley} ${random.pick(STREETS)}`;
  }
  return { street, commune, provinceCode };
}
