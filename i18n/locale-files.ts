import { readdirSync } from 'fs';
import { join } from 'path';

/** Loads one locale's catalogue: the flat key -> string object of `i18n/locales/<tag>.json`. */
export type LocaleLoader = () => Promise<Record<string, string>>;

/**
 * One loader per `i18n/locales/<tag>.json` but English (which is bundled), by tag, so that adding a
 * locale is adding its file.
 *
 * This body serves Node (spec tests), which reads the folder. The browser builds never run it:
 * the `natter-locale-chunks` Rollup plugin in stencil.config.ts
 * replaces this module with one `import('./locales/<tag>.json')` per file found at build time, so
 * each locale is a chunk of its own, fetched only when that locale is set.
 */
export const localeLoaders: Record<string, LocaleLoader> = Object.fromEntries(
  readdirSync(join(__dirname, 'locales'))
    .filter(file => file.endsWith('.json') && file !== 'en.json')
    .map(file => [file.slice(0, -'.json'.length), () => import(`./locales/${file}`).then(module => module.default ?? module)]),
);
