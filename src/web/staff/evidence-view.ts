import {
  formatDate,
  formatDateTime,
  formatMoney,
  isCalendarDate,
  isTimestamp,
} from '../../common/format/format';
import { sentence } from '../../applications/check-texts';
import type { RuleSentence } from '../../eligibility/eligibility-input';
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
/**
 * Fields whose English text a rule derived from a code beside them (`check: BIRTH_YEAR`, `message:
 * "Digits 5–6 are …"`): the code's sentence in the reader's language is shown instead.
 */
const DERIVED_TEXT: Record<string, { code: string; prefix: string }> = {
  message: { code: 'check', prefix: 'evidence.value.idCheckMessage.' },
};

/** A sentence stored by its key and values (as the rules write them), not as English words. */
const isSentence = (v: unknown): v is RuleSentence =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as { key?: unknown }).key === 'string' &&
  (v as { key: string }).key.startsWith('checkText.');

/** "1 year and 2 months", "12 days" (the expiry rule's English) → "1 năm 2 tháng", "12 ngày". */
export function elapsedInWords(value: string, text: EvidenceText): string | null {
  const parts = [...value.matchAll(/(\d+) (year|month|day)s?/g)];
  if (parts.length === 0 || value.replace(/(\d+) (year|month|day)s?|\s|and/g, '') !== '') return null;
  const words = parts.map(([, n, unit]) => {
    const template = text.lookup(`evidence.value.elapsed.${unit}${n === '1' ? '' : 's'}`);
    return template?.replace('{n}', n) ?? null;
  });
  return words.includes(null) ? null : words.join(' ');
}

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
  const record = evidence as Record<string, unknown>;
  return Object.entries(record).map(([key, value]) => {
    const derived = DERIVED_TEXT[key];
    const code = derived ? record[derived.code] : undefined;
    const instead = typeof code === 'string' ? text.lookup(`${derived.prefix}${code}`) : null;
    return field(rule, key, instead ?? value, text);
  });
}

function field(rule: string, key: string, value: unknown, text: EvidenceText): EvidenceField {
  const label = text.lookup(`evidence.${rule}.${key}`) ?? text.lookup(`evidence.${key}`) ?? humanise(key);
  if (isSentence(value)) return { label, value: sentence(value, text.language) };
  if (Array.isArray(value) && value.some(isSentence)) {
    return {
      label,
      value: value.map((v) => (isSentence(v) ? sentence(v, text.language) : String(v))).join(' '),
    };
  }
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
  if (key === 'late') return elapsedInWords(s, text) ?? s;
  const prefix: string | undefined = VALUE_WORDS[key];
  return (prefix ? text.lookup(`${prefix}${s}`) : null) ?? s;
}
