import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { availableLocales, englishMessages } from './catalogue';

/** The locales issue 15 asks Natter to ship, complete. */
export const REQUIRED_LOCALES = ['en', 'ar', 'he', 'de', 'fr', 'es', 'pt-BR', 'ru', 'pl', 'zh-CN', 'ja', 'tr'];

const folder = join(__dirname, 'locales');
const files = readdirSync(folder).filter(file => file.endsWith('.json'));
const english: Record<string, string> = JSON.parse(readFileSync(join(folder, 'en.json'), 'utf8'));
const PLACEHOLDER = /\{(\w+)\}/g;
const placeholders = (text: string) => new Set(Array.from(text.matchAll(PLACEHOLDER), match => match[1]));

/** English plural stems: keys with both `.one` and `.other`. */
const pluralStems = new Set(
  Object.keys(english)
    .filter(key => key.endsWith('.other') && `${key.slice(0, -'.other'.length)}.one` in english)
    .map(key => key.slice(0, -'.other'.length)),
);
const pluralStemOf = (key: string) => {
  const dot = key.lastIndexOf('.');
  return dot > 0 && pluralStems.has(key.slice(0, dot)) ? key.slice(0, dot) : undefined;
};

/** What a locale's file must hold: every plain key, and each plural stem with exactly the locale's CLDR categories. */
function expectedKeys(tag: string): Map<string, Set<string>> {
  const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  const expected = new Map<string, Set<string>>();
  for (const [key, text] of Object.entries(english)) {
    const stem = pluralStemOf(key);
    if (!stem) expected.set(key, placeholders(text));
  }
  for (const stem of pluralStems) {
    const wanted = placeholders(english[`${stem}.other`]);
    for (const category of categories) expected.set(`${stem}.${category}`, wanted);
  }
  return expected;
}

/** Every problem of one locale file, each naming the locale and the key. */
function fileProblems(file: string): string[] {
  const tag = file.slice(0, -'.json'.length);
  try {
    return problems(tag, JSON.parse(readFileSync(join(folder, file), 'utf8')));
  } catch (error) {
    return [`${tag}: not valid JSON (${(error as Error).message})`];
  }
}

function problems(tag: string, catalogue: unknown): string[] {
  if (!catalogue || typeof catalogue !== 'object' || Array.isArray(catalogue)) return [`${tag}: not a flat JSON object`];
  const entries = catalogue as Record<string, unknown>;
  const found: string[] = [];
  const expected = expectedKeys(tag);
  for (const [key, wanted] of expected) {
    const text = entries[key];
    if (text === undefined) {
      found.push(`${tag}: missing key ${key}`);
      continue;
    }
    if (typeof text !== 'string' || text.trim() === '') {
      found.push(`${tag}: ${key} is not a non-empty string`);
      continue;
    }
    const own = placeholders(text);
    for (const name of wanted) if (!own.has(name)) found.push(`${tag}: ${key} misses the placeholder {${name}}`);
    for (const name of own) if (!wanted.has(name)) found.push(`${tag}: ${key} has the unknown placeholder {${name}}`);
  }
  for (const key of Object.keys(entries)) {
    if (expected.has(key)) continue;
    const stem = pluralStemOf(key);
    found.push(stem ? `${tag}: ${key} is a plural category ${tag} does not have` : `${tag}: unknown key ${key}`);
  }
  return found;
}

describe('locale catalogues (i18n/locales/*.json)', () => {
  it('English is the bundled catalogue, with .one/.other pairs only', () => {
    expect(Object.keys(englishMessages).sort()).toEqual(Object.keys(english).sort());
    const strays = Object.keys(english).filter(key => /\.(zero|two|few|many)$/.test(key) || (key.endsWith('.one') && !(`${key.slice(0, -4)}.other` in english)));
    expect(strays).toEqual([]);
  });

  it.each(files.filter(file => file !== 'en.json'))('%s has every key and placeholder, and its own plural categories', file => {
    expect(fileProblems(file)).toEqual([]);
  });

  it('the shipped locales are the files', () => {
    expect(availableLocales()).toEqual(files.map(file => file.slice(0, -'.json'.length)).sort());
  });

  it('finds a missing key, an extra key, a missing placeholder and a wrong plural category', () => {
    const broken: Record<string, string> = {};
    for (const key of expectedKeys('ru').keys()) broken[key] = (english[key] ?? english[`${pluralStemOf(key)}.other`]) as string;
    delete broken['login.title'];
    broken['login.titel'] = 'Вход';
    broken['roster.noMatch'] = 'Нет контактов';
    broken['roster.unread.two'] = '{count}';
    delete broken['chat.newCount.few'];
    broken['roster.unread.many'] = '{count} {name}';
    expect(problems('ru', broken)).toEqual([
      'ru: missing key login.title',
      'ru: roster.noMatch misses the placeholder {filter}',
      'ru: roster.unread.many has the unknown placeholder {name}',
      'ru: missing key chat.newCount.few',
      'ru: unknown key login.titel',
      'ru: roster.unread.two is a plural category ru does not have',
    ]);
  });
});

describe('required locales', () => {
  // Fails until every required locale's file is in i18n/locales/ (no stubs stand in for one).
  it('ships all twelve', () => {
    expect(REQUIRED_LOCALES.filter(tag => !availableLocales().includes(tag))).toEqual([]);
  });
});
