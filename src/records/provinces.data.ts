/**
 * The 34 provincial-level units in force since 1 July 2025, with the two-digit administrative code of
 * each and the pre-2025 three-digit codes of the provinces merged into it. Citizen ID numbers still
 * carry the pre-2025 code of the province where the birth was registered, hence legacyCodes.
 */
export interface ProvinceData {
  code: string;
  name: string;
  kind: 'CITY' | 'PROVINCE';
  legacyCodes: string[];
}

export const PROVINCES: readonly ProvinceData[] = [
  { code: '01', name: 'Hà Nội', kind: 'CITY', legacyCodes: ['001'] },
  { code: '04', name: 'Cao Bằng', kind: 'PROVINCE', legacyCodes: ['004'] },
  { code: '08', name: 'Tuyên Quang', kind: 'PROVINCE', legacyCodes: ['008', '002'] },
  { code: '11', name: 'Điện Biên', kind: 'PROVINCE', legacyCodes: ['011'] },
  { code: '12', name: 'Lai Châu', kind: 'PROVINCE', legacyCodes: ['012'] },
  { code: '14', name: 'Sơn La', kind: 'PROVINCE', legacyCodes: ['014'] },
  { code: '15', name: 'Lào Cai', kind: 'PROVINCE', legacyCodes: ['010', '015'] },
  { code: '19', name: 'Thái Nguyên', kind: 'PROVINCE', legacyCodes: ['019', '006'] },
  { code: '20', name: 'Lạng Sơn', kind: 'PROVINCE', legacyCodes: ['020'] },
  { code: '22', name: 'Quảng Ninh', kind: 'PROVINCE', legacyCodes: ['022'] },
  { code: '24', name: 'Bắc Ninh', kind: 'PROVINCE', legacyCodes: ['027', '024'] },
  { code: '25', name: 'Phú Thọ', kind: 'PROVINCE', legacyCodes: ['025', '026', '017'] },
  { code: '31', name: 'Hải Phòng', kind: 'CITY', legacyCodes: ['031', '030'] },
  { code: '33', name: 'Hưng Yên', kind: 'PROVINCE', legacyCodes: ['033', '034'] },
  { code: '37', name: 'Ninh Bình', kind: 'PROVINCE', legacyCodes: ['037', '035', '036'] },
  { code: '38', name: 'Thanh Hóa', kind: 'PROVINCE', legacyCodes: ['038'] },
  { code: '40', name: 'Nghệ An', kind: 'PROVINCE', legacyCodes: ['040'] },
  { code: '42', name: 'Hà Tĩnh', kind: 'PROVINCE', legacyCodes: ['042'] },
  { code: '44', name: 'Quảng Trị', kind: 'PROVINCE', legacyCodes: ['045', '044'] },
  { code: '46', name: 'Huế', kind: 'CITY', legacyCodes: ['046'] },
  { code: '48', name: 'Đà Nẵng', kind: 'CITY', legacyCodes: ['048', '049'] },
  { code: '51', name: 'Quảng Ngãi', kind: 'PROVINCE', legacyCodes: ['051', '062'] },
  { code: '52', name: 'Gia Lai', kind: 'PROVINCE', legacyCodes: ['064', '052'] },
  { code: '56', name: 'Khánh Hòa', kind: 'PROVINCE', legacyCodes: ['056', '058'] },
  { code: '66', name: 'Đắk Lắk', kind: 'PROVINCE', legacyCodes: ['066', '054'] },
  { code: '68', name: 'Lâm Đồng', kind: 'PROVINCE', legacyCodes: ['068', '067', '060'] },
  { code: '75', name: 'Đồng Nai', kind: 'PROVINCE', legacyCodes: ['075', '070'] },
  { code: '79', name: 'Thành phố Hồ Chí Minh', kind: 'CITY', legacyCodes: ['079', '074', '077'] },
  { code: '80', name: 'Tây Ninh', kind: 'PROVINCE', legacyCodes: ['072', '080'] },
  { code: '82', name: 'Đồng Tháp', kind: 'PROVINCE', legacyCodes: ['087', '082'] },
  { code: '86', name: 'Vĩnh Long', kind: 'PROVINCE', legacyCodes: ['086', '083', '084'] },
  { code: '91', name: 'An Giang', kind: 'PROVINCE', legacyCodes: ['089', '091'] },
  { code: '92', name: 'Cần Thơ', kind: 'CITY', legacyCodes: ['092', '093', '094'] },
  { code: '96', name: 'Cà Mau', kind: 'PROVINCE', legacyCodes: ['096', '095'] },
];

export const PROVINCE_CODES: ReadonlySet<string> = new Set(PROVINCES.map((p) => p.code));
