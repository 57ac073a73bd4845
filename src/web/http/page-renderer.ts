import type {} from '@fastify/view'; // reply.viewAsync
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../auth/auth-user';
import { csrfTokenFor } from '../session/csrf';
import { DEFAULT_LANGUAGE, isLanguage, Language, TranslateParams, Translator } from '../i18n/translator';
import { FieldProblem, FormError, FormValues } from './form-errors';
import { formatDate, formatDateTime, formatMoney } from '../../common/format/format';

export const LANGUAGE_COOKIE = 'lang';

/** What a page passes to its template; the renderer adds language, user, CSRF token and helpers. */
export interface PageModel {
  /** Translation key of the page title (the <title> and, usually, the <h1>). */
  titleKey: string;
  titleParams?: TranslateParams;
  /** Problems to summarise at the top and show beside their fields; translated here when given as keys. */
  errors?: (FormError | FieldProblem)[];
  /** What the user typed, shown back after an error. */
  values?: FormValues;
  [name: string]: unknown;
}

export function languageOf(request: FastifyRequest): Language {
  const chosen = request.cookies?.[LANGUAGE_COOKIE];
  return isLanguage(chosen) ? chosen : DEFAULT_LANGUAGE;
}

/** Renders nunjucks pages with the context every template relies on. */
@Injectable()
export class PageRenderer {
  constructor(private readonly translator: Translator) {}

  translate(request: FastifyRequest, key: string, params?: TranslateParams): string {
    return this.translator.translate(languageOf(request), key, params);
  }

  async render(
    request: FastifyRequest & { user?: AuthUser },
    reply: FastifyReply,
    view: string,
    model: PageModel,
    status = 200,
  ): Promise<void> {
    const lang = languageOf(request);
    const t = this.translator.forLanguage(lang);
    const errors: FormError[] = (model.errors ?? []).map((e) =>
      'key' in e ? { field: e.field, message: t(e.key, e.params), href: e.href } : e,
    );
    const user = request.user;
    const html = await reply.viewAsync(`${view}.njk`, {
      ...model,
      errors,
      errorFor: Object.fromEntries([...errors].reverse().map((e) => [e.field, e.message])),
      values: model.values ?? {},
      lang,
      otherLang: lang === 'vi' ? 'en' : 'vi',
      t,
      csrfToken: csrfTokenFor(request, reply),
      currentPath: request.url,
      user: user ? { id: user.id, kind: user.kind, role: user.role, username: user.username } : null,
      /** For codes from the data (audit actions) that may have no sentence of their own: the code itself. */
      tOr: (key: string, fallback: string) => (this.translator.has(lang, key) ? t(key) : fallback),
      money: (amount: number) => formatMoney(amount, lang),
      date: (value: string | null) => formatDate(value),
      dateTime: (value: string | null) => formatDateTime(value),
    });
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-language', lang)
      .send(html);
  }

  /** POST-redirect-GET: after a successful form, the browser is sent to the next page. */
  redirect(reply: FastifyReply, path: string): void {
    void reply.status(303).header('location', path).send();
  }
}
