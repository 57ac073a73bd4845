import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CsrfGuard } from '../session/csrf';
import { WebAuthGuard } from '../session/web-auth.guard';
import { WebExceptionFilter } from './web-exception.filter';

/**
 * A controller of web pages: sessions resolved and access enforced (WebAuthGuard), every form post's
 * CSRF token checked (CsrfGuard), errors rendered as pages, and nothing listed in the API document.
 */
export const WebController = (prefix = '') =>
  applyDecorators(
    Controller(prefix),
    UseGuards(WebAuthGuard, CsrfGuard),
    UseFilters(WebExceptionFilter),
    ApiExcludeController(),
  );
