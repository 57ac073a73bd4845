import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { OutgoingNotice } from '../notification-sender';
import { EMAIL_WORDS } from './email-text';

/** Where the e-mail templates are: beside the sources, and copied beside the build by `npm run build`. */
const TEMPLATES = join(__dirname, '..', 'templates');

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailContext {
  /** The service's public address (PUBLIC_BASE_URL), for the link to the application's page. */
  baseUrl: string | null;
  authority: string;
}

/**
 * Renders a notice as an e-mail in the citizen's language: an HTML part and a plain-text part from the
 * nunjucks templates in ../templates, around the notice's text (one paragraph per line).
 */
export class EmailRenderer {
  private readonly html = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), {
    autoescape: true,
    throwOnUndefined: false,
  });
  private readonly text = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), {
    autoescape: false,
  });

  render(notice: OutgoingNotice, context: EmailContext): RenderedEmail {
    const subject = notice.subject ?? EMAIL_WORDS[notice.language].service;
    const link =
      context.baseUrl && notice.applicationId
        ? `${context.baseUrl.replace(/\/+$/, '')}/applications/${notice.applicationId}`
        : null;
    const model = {
      lang: notice.language,
      words: EMAIL_WORDS[notice.language],
      subject,
      paragraphs: notice.body.split(/\r?\n/).filter((line) => line.trim() !== ''),
      reference: notice.reference,
      link,
      authority: context.authority,
    };
    return {
      subject,
      html: this.html.render('email.html.njk', model),
      text: this.text.render('email.txt.njk', model),
    };
  }
}
