import { join } from 'node:path';

/**
 * Where the web pages' non-TypeScript files live: beside this file, in src/web when the tests run the
 * sources and in dist/src/web after `npm run build` (whose copy step puts them there).
 */
export const WEB_DIR = __dirname;
export const VIEWS_DIR = join(WEB_DIR, 'views');
export const ASSETS_DIR = join(WEB_DIR, 'assets');
export const I18N_DIR = join(WEB_DIR, 'i18n');
