import {
  formatDate,
  formatDateTime,
  formatMoney,
  isCalendarDate,
  isTimestamp,
} from '../../common/format/format';
import type { Language } from '../i18n/translator';

/** One labelled line of a check's evidence: a value, a group of fields, or a list of such groups. */
export interface EvidenceField {
  label: string;
  value?: string;
  fields?: EvidenceField[];
  rows?: EvidenceField[][];
}

export interface EvidenceText {
  /** The translation of `key` in the page's language, or null when the file has none. */
  lookup(key: string): string | null;
  provinceName(code: string): string;
  language: Language;
}

/** Codes whose words are in the translation files under a prefix: `status: SUSPENDED` → "Tạm giữ". */
const VALUE_WORDS: Record<string, string> = {
  status: 'licenceStatus.',
  cardKind: 'cardKind.',
  origin: 'origin.',
  sex: 'sex.',
  applicationType: 'type.',
  notCheckedBecause: 'checks.',
  result: 'evidence.value.result.',
  retest: 'evidence.value.retest.',
  problems: 'evidence.value.problem.',
  check: 'evidence.value.idCheck.',
};
const MONEY = /^(amount|total)$/;
const PROVINCE = /ProvinceCode$/;

/** "heldByApplicant" → "Held by applicant": a label for a field the translation files do not know. */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A check's evidence (the exact records the rule used, stored as JSON) as labelled fields in the
 * officer's language: labels from `evidence.{RULE}.{key}`, then `evidence.{key}`, then the key made
 * readable; dates, amounts, yes/no and codes written out. Nothing is dropped, nothing shown as JSON.
 */
export function evidenceFields(rule: string, evidence: unknown, text: EvidenceText): EvidenceField[] {
  if (!evidence || typeof evidence !== 'object' || Array.isArray(evidence)) return [];
  return Object.entries(evidence as Record<string, unknown>).map(([key, value]) =>
    field(rule, key, value, text),
  );
}

function field(rule: string, key: string, value: unknown, text: EvidenceText): EvidenceField {
  const label = text.lookup(`evidence.${rule}.${key}`) ?? text.lookup(`evidence.${key}`) ?? humanise(key);
  if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
    return { label, rows: value.map((v) => evidenceFields(rule, v, text)) };
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return { label, fields: evidenceFields(rule, value, text) };
  }
  return { label, value: scalar(key, value, text) };
}

function scalar(key: string, value: unknown, text: EvidenceText): string {
  const none = text.lookup('common.none') ?? '—';
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.length ? value.map((v) => scalar(key, v, text)).join(', ') : none;
  if (typeof value === 'boolean') return text.lookup(value ? 'common.yes' : 'common.no') ?? String(value);
  if (typeof value === 'number') return MONEY.test(key) ? formatMoney(value, text.language) : String(value);
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  if (PROVINCE.test(key)) return text.provinceName(s);
  if (isCalendarDate(s)) return formatDate(s);
  if (isTimestamp(s)) return formatDateTime(s);
  const prefix: string | undefined = VALUE_WORDS[key];
  return (prefix ? text.lookup(`${prefix}${s}`) : null) ?? s;
}
