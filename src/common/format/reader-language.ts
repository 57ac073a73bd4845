import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FORMAT_LANGUAGES, FormatLanguage } from './format';

/**
 * The language an API reader asked for in `Accept-Language` (API.md: Vietnamese by default): the
 * supported language with the highest weight, `vi-VN` and `en-GB` counting as `vi` and `en`.
 */
export function languageFromAcceptLanguage(header: string | string[] | undefined): FormatLanguage {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: FormatLanguage; weight: number } | null = null;
  for (const part of value.split(',').slice(0, 20)) {
    const [tag, ...options] = part.trim().toLowerCase().split(';');
    const language = FORMAT_LANGUAGES.find((l) => tag === l || tag.startsWith(`${l}-`));
    if (!language) continue;
    const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)?.[1]).find(Boolean);
    const weight = q === undefined ? 1 : Number(q);
    if (Number.isFinite(weight) && weight > 0 && (!best || weight > best.weight)) best = { language, weight };
  }
  return best?.language ?? 'vi';
}

/** `@ReaderLanguage() language`: the request's `Accept-Language` as one of our languages. */
export const ReaderLanguage = createParamDecorator((_: unknown, context: ExecutionContext): FormatLanguage =>
  languageFromAcceptLanguage(context.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']),
);
