import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VIEWS_DIR } from '../web-paths';
import { interpolate, loadMessages, Translator } from './translator';

const vi = loadMessages('vi');
const en = loadMessages('en');

function templates(dir = VIEWS_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? templates(path) : path.endsWith('.njk') ? [path] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** What a template shows that does not come from a translation call or a variable. */
export function literalText(source: string): string[] {
  const withoutCode = source
    .replace(/\{#[\s\S]*?#\}/g, ' ')
    .replace(/\{%[\s\S]*?%\}/g, ' ')
    .replace(/\{\{[\s\S]*?\}\}/g, ' ');
  const found: string[] = [];
  // Attributes a person reads or hears: their values must be translated too.
  for (const m of withoutCode.matchAll(/\s(alt|title|aria-label|placeholder)="([^"]*)"/g)) {
    if (/\p{L}/u.test(m[2])) found.push(`${m[1]}="${m[2]}"`);
  }
  const textNodes = withoutCode.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, '\n');
  for (const line of textNodes.split('\n')) {
    if (/[\p{L}\p{N}]/u.test(line)) found.push(line.trim());
  }
  return found;
}

describe('translations', () => {
  it('has the same keys in Vietnamese and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of [...Object.entries(vi), ...Object.entries(en)]) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('uses the same {placeholders} in both languages', () => {
    for (const key of Object.keys(vi)) {
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({
        key,
        placeholders: placeholders(vi[key]),
      });
    }
  });

  it('knows every key the templates name literally', () => {
    for (const file of templates()) {
      const source = readFileSync(file, 'utf8');
      const keys = [...source.matchAll(/\bt\('([\w.]+)'/g), ...source.matchAll(/'([a-z]+(?:\.[\w]+)+)'/g)]
        .map((m) => m[1])
        .filter((k) => !k.endsWith('.') && !k.includes('.njk'));
      const missing = keys.filter((k) => !(k in vi));
      expect({ file: relative(VIEWS_DIR, file), missing }).toEqual({
        file: relative(VIEWS_DIR, file),
        missing: [],
      });
    }
  });

  it('leaves no words in the templates outside translation calls', () => {
    const all = templates();
    expect(all.length).toBeGreaterThan(20);
    for (const file of all) {
      const words = literalText(readFileSync(file, 'utf8'));
      expect({ file: relative(VIEWS_DIR, file), words }).toEqual({
        file: relative(VIEWS_DIR, file),
        words: [],
      });
    }
  });

  it('the literal-text check does catch words, in text and in read attributes', () => {
    expect(literalText('<p>{{ t("a.b") }}</p>')).toEqual([]);
    expect(literalText('<p>Hello {{ name }}</p>')).toEqual(['Hello']);
    expect(literalText('<img alt="Ảnh" src="x">')).toEqual(['alt="Ảnh"']);
    expect(literalText('<span>–</span> {% if x %}·{% endif %}')).toEqual([]);
  });
});

describe('Translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Hồ sơ {reference}', { reference: '01-2026-1' })).toBe('Hồ sơ 01-2026-1');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('throws on a missing key outside production, and shows the key in production', () => {
    const messages = { vi: { 'x.y': 'có' }, en: { 'x.y': 'yes' } };
    expect(new Translator(true, messages).translate('en', 'x.y')).toBe('yes');
    expect(() => new Translator(true, messages).translate('vi', 'x.z')).toThrow(/Missing translation "x.z"/);
    expect(new Translator(false, messages).translate('vi', 'x.z')).toBe('x.z');
  });
});
