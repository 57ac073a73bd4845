import type { Environment } from 'nunjucks';
import { formatDate, formatDateTime, formatMoney } from '../../common/format/format';
import { provinceName } from './province-names';
import { DEFAULT_LANGUAGE, isLanguage, Language } from './translator';

/** Nunjucks calls a filter with the template's context as `this`: the page's language is in it. */
type FilterThis = { ctx?: { lang?: unknown } };
const languageIn = (self: FilterThis | undefined): Language =>
  isLanguage(self?.ctx?.lang) ? self.ctx.lang : DEFAULT_LANGUAGE;

/**
 * `{{ amount | money }}`, `{{ day | date }}`, `{{ instant | dateTime }}`: the reader's conventions
 * (`170.000 ₫` / `170,000 VND`, `08/12/2026`, `08/12/2026 15:50` in Vietnam time) in every template;
 * `{{ code | province }}`: a province's name.
 */
export function addFormatFilters(env: Environment): void {
  env.addFilter('money', function (this: FilterThis, amount: number) {
    return formatMoney(amount, languageIn(this));
  });
  env.addFilter('date', (value: string | Date | null) => formatDate(value));
  env.addFilter('dateTime', (value: string | Date | null) => formatDateTime(value));
  env.addFilter('province', (code: string | null) => provinceName(code));
}
