/**
 * The lessons as a whole: each shows the model at work, the catalogue points at lessons
 * that exist, and the cheat sheet links every scenario.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/model/catalogue.ts';

const root = new URL('../../', import.meta.url);
const LOCALES = ['en', 'zh-cn'] as const;
const lessonDir = (locale: string) => new URL(`content/lessons/${locale}/`, root);
const lessons = readdirSync(lessonDir('en'))
  .filter((f) => /^\d\d-[^_].*\.mdx$/.test(f))
  .sort();
const scenarioIds = readdirSync(new URL('exercises/scenarios/', root))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));
const read = (locale: string, file: string) => readFileSync(new URL(file, lessonDir(locale)), 'utf8');

function usedScenarios(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/<Scenario\b[^>]*\bid="([^"]+)"/g)) ids.push(m[1]!);
  for (const m of text.matchAll(/<Compare\b[^>]*\ba="([^"]+)"[^>]*\bb="([^"]+)"/g)) ids.push(m[1]!, m[2]!);
  for (const m of text.matchAll(/<StateDiagram\b[^>]*\bscenario="([^"]+)"/g)) ids.push(m[1]!);
  return ids;
}

describe('lessons', () => {
  it('there are twelve, numbered 00 to 11', () => {
    expect(lessons.map((f) => f.slice(0, 2))).toEqual([
      '00',
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
    ]);
  });

  for (const file of lessons) {
    for (const locale of LOCALES) {
      describe(`${locale}/${file}`, () => {
        const text = existsSync(new URL(file, lessonDir(locale))) ? read(locale, file) : '';
        it('exists', () => expect(text).not.toBe(''));
        it('animates at least one scenario, and only scenarios that exist', () => {
          const ids = usedScenarios(text);
          expect(ids.length).toBeGreaterThan(0);
          for (const id of ids) expect(scenarioIds, `${file} uses '${id}'`).toContain(id);
        });
        it('has the slot for its own exercises', () => {
          expect(text).toContain(`<Exercises lesson="${file.replace(/\.mdx$/, '')}" />`);
        });
      });
    }
  }

  it("every lesson except the cheat sheet judges the article's claim in both languages", () => {
    for (const file of lessons.filter((f) => !f.startsWith('11-') && !f.startsWith('10-'))) {
      for (const locale of LOCALES)
        expect(read(locale, file), `${locale}/${file}`).toMatch(/<Claim verdict="(correct|imprecise|wrong)"/);
    }
  });

  it('every lesson has an "in the wild" box in both languages', () => {
    for (const file of lessons) {
      expect(read('en', file), `en/${file}`).toMatch(/<Aside[^>]*title="In the wild"/);
      expect(read('zh-cn', file), `zh-cn/${file}`).toMatch(/<Aside[^>]*title="现实中"/);
    }
  });

  it('the same scenarios appear in both languages of a lesson', () => {
    for (const file of lessons)
      expect(usedScenarios(read('zh-cn', file)).sort(), file).toEqual(usedScenarios(read('en', file)).sort());
  });

  it('the cheat sheet names every scenario, in both languages', () => {
    const cheat = lessons.find((f) => f.startsWith('11-')) ?? '11-cheat-sheet.mdx';
    for (const locale of LOCALES) {
      expect(read(locale, cheat), `${locale}/${cheat}`).toContain('<CheatSheet />');
      // Its cases are in content/cheat-sheet/<locale>.yaml (tests/unit/site/cheat-sheet.test.ts reads them).
      const cases = readFileSync(new URL(`content/cheat-sheet/${locale}.yaml`, root), 'utf8');
      for (const id of scenarioIds)
        expect(cases, `${locale} cheat sheet lacks '${id}'`).toMatch(new RegExp(`[\\[ ]${id}[,\\]]`));
    }
  });
});

describe('the rule catalogue', () => {
  it('points every reason at a lesson that exists in both languages', () => {
    for (const [reason, entry] of Object.entries(CATALOGUE)) {
      expect(entry.lesson, reason).toBeDefined();
      for (const locale of LOCALES)
        expect(
          existsSync(new URL(`${entry.lesson}.mdx`, lessonDir(locale))),
          `${reason} → ${locale}/${entry.lesson}`,
        ).toBe(true);
    }
  });

  it('explains every reason in both languages', () => {
    for (const [reason, entry] of Object.entries(CATALOGUE)) {
      expect(entry.en.length, reason).toBeGreaterThan(10);
      expect(entry['zh-CN'].length, reason).toBeGreaterThan(2);
    }
  });
});
