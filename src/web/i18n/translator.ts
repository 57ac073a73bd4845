import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { I18N_DIR } from '../web-paths';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export type Messages = Record<string, string>;
export type TranslateParams = Record<string, string | number | null | undefined>;
export type Translate = (key: string, params?: TranslateParams) => string;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** Reads one language's flat `key → text` file. */
export function loadMessages(language: Language, dir = I18N_DIR): Messages {
  return JSON.parse(readFileSync(join(dir, `${language}.json`), 'utf8')) as Messages;
}

/** `{name}` placeholders filled from params; a placeholder without a value stays visible, to be noticed. */
export function interpolate(text: string, params: TranslateParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/**
 * Every word the web pages show comes from the translation files through this. A key missing from a
 * file is a bug: outside production it throws so tests catch it; in production the key itself shows
 * rather than the page failing.
 */
export class Translator {
  private readonly messages: Record<Language, Messages>;

  constructor(
    private readonly strict: boolean,
    messages?: Record<Language, Messages>,
  ) {
    this.messages = messages ?? { vi: loadMessages('vi'), en: loadMessages('en') };
  }

  has(language: Language, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.messages[language], key);
  }

  translate(language: Language, key: string, params?: TranslateParams): string {
    if (!this.has(language, key)) {
      if (this.strict) throw new Error(`Missing translation "${key}" in ${language}.json`);
      return key;
    }
    return interpolate(this.messages[language][key], params);
  }

  /** A `t(key, params)` bound to one language, as the templates call it. */
  forLanguage(language: Language): Translate {
    return (key, params) => this.translate(language, key, params);
  }
}
