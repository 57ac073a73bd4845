import { PROVINCES } from '../../records/provinces.data';

const NAMES = new Map(PROVINCES.map((p) => [p.code, p.name]));

/** "01" → "Hà Nội": people read province names, not codes (the same in both languages). */
export const provinceName = (code: string | null | undefined): string =>
  code ? (NAMES.get(code) ?? code) : '';
