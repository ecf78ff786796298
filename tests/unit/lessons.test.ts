/**
 * The lessons as a whole, found from their folders (content/lessons/<locale>/): each shows the
 * model at work, the catalogue points at lessons that exist, and the page marked
 * `lessonKind: cheat-sheet` in its frontmatter links every scenario.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/model/catalogue.ts';
import { lessonFrontmatter } from '../../src/integrations/lesson-frontmatter.ts';
import { frontmatter, LOCALES } from './locale-parity.ts';
import { nth } from './nth.ts';

const root = new URL('../../', import.meta.url);
const lessonDir = (locale: string) => new URL(`content/lessons/${locale}/`, root);
/** Lesson files by locale: every page in the folder, as the content collection loads them (`_name` is a draft). */
const files = new Map(
  LOCALES.map((locale) => [
    locale,
    readdirSync(lessonDir(locale))
      .filter((f) => /^[^_].*\.mdx$/.test(f))
      .sort(),
  ]),
);
/** Every lesson name in any locale: one missing from a locale fails its own test below. */
const lessons = [...new Set([...files.values()].flat())].sort();
const scenarioIds = readdirSync(new URL('exercises/scenarios/', root))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));
const read = (locale: string, file: string) => readFileSync(new URL(file, lessonDir(locale)), 'utf8');
const exists = (locale: string, file: string) => files.get(locale)?.includes(file) ?? false;
/** Other locales are compared with the first (the default, English). */
const [FIRST, OTHERS] = [nth(LOCALES, 0), LOCALES.slice(1)];

/** The title of the "in the wild" aside in each locale. */
const IN_THE_WILD: Readonly<Record<string, string>> = { en: 'In the wild', 'zh-cn': '现实中' };

function usedScenarios(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/<Scenario\b[^>]*\bid="([^"]+)"/g)) ids.push(m[1] ?? '');
  for (const m of text.matchAll(/<Compare\b[^>]*\ba="([^"]+)"[^>]*\bb="([^"]+)"/g)) ids.push(m[1] ?? '', m[2] ?? '');
  for (const m of text.matchAll(/<Compare\b[^>]*\bscenario="([^"]+)"/g)) ids.push(m[1] ?? '');
  for (const m of text.matchAll(/<StateDiagram\b[^>]*\bscenario="([^"]+)"/g)) ids.push(m[1] ?? '');
  return ids;
}

/** The lesson's own frontmatter fields, through the schema the content collection extends Starlight's with. */
function lessonKind(locale: string, file: string) {
  const data = frontmatter(read(locale, file));
  if (typeof data === 'string') throw new Error(`${locale}/${file}: ${data}`);
  return lessonFrontmatter.parse(data).lessonKind;
}

describe('lessons', () => {
  it('are found in content/lessons/<locale>/', () => {
    expect(lessons).not.toEqual([]);
  });

  it('know the "in the wild" title of every locale', () => {
    expect(Object.keys(IN_THE_WILD).sort()).toEqual([...LOCALES].sort());
  });

  for (const file of lessons) {
    for (const locale of LOCALES) {
      describe(`${locale}/${file}`, () => {
        const text = exists(locale, file) ? read(locale, file) : '';
        it('exists', () => {
          expect(text).not.toBe('');
        });
        it('has frontmatter the content collection accepts', () => {
          const data = frontmatter(text);
          expect(typeof data === 'string' ? data : lessonFrontmatter.safeParse(data).error?.message).toBeUndefined();
        });
        it('animates at least one scenario, and only scenarios that exist', () => {
          const ids = usedScenarios(text);
          expect(ids.length).toBeGreaterThan(0);
          for (const id of ids) expect(scenarioIds, `${file} uses '${id}'`).toContain(id);
        });
        it('has the slot for its own exercises', () => {
          expect(text).toContain(`<Exercises lesson="${file.replace(/\.mdx$/, '')}" />`);
        });
        it("judges one of the article's claims", () => {
          expect(text).toMatch(/<Claim verdict="(correct|imprecise|wrong)"/);
        });
        it('has an "in the wild" box', () => {
          expect(text).toMatch(new RegExp(`<Aside[^>]*title="${IN_THE_WILD[locale] ?? ''}"`));
        });
      });
    }
  }

  it('show the same scenarios in every language of a lesson', () => {
    for (const file of lessons) {
      for (const locale of OTHERS)
        expect(usedScenarios(read(locale, file)).sort(), `${locale}/${file}`).toEqual(
          usedScenarios(read(FIRST, file)).sort(),
        );
    }
  });
});

describe('the cheat sheet (lessonKind: cheat-sheet)', () => {
  const marked = (locale: string) =>
    lessons.filter((file) => exists(locale, file) && lessonKind(locale, file) === 'cheat-sheet');

  it('is marked on the same lesson in every locale', () => {
    expect(marked(FIRST)).not.toEqual([]);
    for (const locale of OTHERS) expect(marked(locale), locale).toEqual(marked(FIRST));
  });

  it('names every scenario, in every language', () => {
    for (const locale of LOCALES) {
      for (const file of marked(locale)) {
        expect(read(locale, file), `${locale}/${file}`).toContain('<CheatSheet />');
        // Its cases are in content/cheat-sheet/<locale>.yaml (tests/unit/site/cheat-sheet.test.ts reads them).
        const cases = readFileSync(new URL(`content/cheat-sheet/${locale}.yaml`, root), 'utf8');
        for (const id of scenarioIds)
          expect(cases, `${locale} cheat sheet lacks '${id}'`).toMatch(new RegExp(`[\\[ ]${id}[,\\]]`));
      }
    }
  });
});

describe('the rule catalogue', () => {
  it('points every reason at a lesson that exists in every language', () => {
    for (const [reason, entry] of Object.entries(CATALOGUE)) {
      expect(entry.lesson, reason).toBeDefined();
      for (const locale of LOCALES)
        expect(
          existsSync(new URL(`${entry.lesson}.mdx`, lessonDir(locale))),
          `${reason} → ${locale}/${entry.lesson}`,
        ).toBe(true);
    }
  });
});
