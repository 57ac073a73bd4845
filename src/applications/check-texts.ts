import { FormatLanguage, formatParams, listInWords } from '../common/format/format';
import type { RuleSentence, RuleTextParam } from '../eligibility/eligibility-input';
import { messagesOf } from '../web/i18n/message-store';

/** What a check said, as stored: the English record, and the sentences to translate when present. */
export interface StoredCheckText {
  rule: string;
  outcome: string;
  detail: string;
  action: string | null;
  texts?: { detail?: RuleSentence[]; action?: RuleSentence[] } | null;
}

const isWords = (v: unknown): v is { key: string } =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as { key?: unknown }).key === 'string';

/** One stored sentence (a key and its values) in the reader's language, its values formatted. */
export function sentence(s: RuleSentence, language: FormatLanguage): string {
  const text = messagesOf(language);
  const words = (key: string) => text[key] ?? key;
  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries<RuleTextParam>(s.params ?? {})) {
    if (isWords(value)) raw[name] = words(value.key);
    else if (Array.isArray(value) && value.some(isWords)) {
      raw[name] = listInWords(
        (value as unknown[]).map((v) => (isWords(v) ? words(v.key) : String(v))),
        language,
      );
    } else raw[name] = value;
  }
  const filled = formatParams(raw, language);
  return words(s.key).replace(/\{(\w+)\}/g, (whole, name: string) => filled[name] ?? whole);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function sentences(list: RuleSentence[], lang: FormatLanguage): string {
  return capitalised(list.map((s) => sentence(s, lang)).join(' '));
}

/**
 * A check's result and what to do, in the reader's language: the rule's own sentences with their values
 * formatted (dates, amounts, lists); for results stored before rules spoke in keys, the English record
 * in English and the rule's general sentence in Vietnamese. The stored English stays the audit record.
 */
export function describeCheck(
  check: StoredCheckText,
  lang: FormatLanguage,
): { detail: string; action: string | null } {
  const texts = check.texts ?? null;
  if (texts?.detail?.length) {
    return {
      detail: sentences(texts.detail, lang),
      action: texts.action?.length ? sentences(texts.action, lang) : null,
    };
  }
  if (lang === 'en') return { detail: check.detail, action: check.action };
  const text = messagesOf(lang);
  return {
    detail: text[`checks.${check.rule}.${check.outcome}`] ?? check.detail,
    action: check.outcome === 'PASS' ? null : (text[`checks.${check.rule}.action`] ?? check.action),
  };
}
