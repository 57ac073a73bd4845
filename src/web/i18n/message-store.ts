import { LANGUAGES, Language, loadMessages, Messages } from './translator';

let loaded: Record<Language, Messages> | null = null;

/**
 * The translation files, read once, for code that writes text outside a page (notices, check results
 * in the API). Pages go through the Translator, which also fails loudly on a missing key in tests.
 */
export function messagesOf(language: Language): Messages {
  loaded ??= Object.fromEntries(LANGUAGES.map((l) => [l, loadMessages(l)])) as Record<Language, Messages>;
  return loaded[language];
}
