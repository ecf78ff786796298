/**
 * Feedback links point at the lesson section that shows the rule at work. The section split and
 * the heading ids are checked on a made-up lesson; the course's own links are checked against
 * every exercise (the e2e suite checks that each id exists in the built page).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type Reason } from '../../../src/model/index.ts';
import type { RuleEntry } from '../../../src/model/catalogue.ts';
import { courseSections, lessonSections } from '../../../src/components/lesson-sections.ts';
import { exerciseView } from '../../../src/exercises/view.ts';
import { allExercises } from '../../../src/components/exercises.ts';
import { traceOf } from '../../../src/components/scenarios.ts';
import { ROOT } from '../exercises/course.ts';

const mdx = [
  '---',
  'title: "## not a heading"',
  '---',
  'Intro <Scenario id="closed-port" />',
  '## What the article says',
  'Text.',
  '```sh',
  '# a shell comment, not a heading',
  '```',
  '## A port *nobody* uses',
  '<Scenario id="closed-port" profile="rfc9293" />',
  '### `SO_LINGER` and [close()](https://example.org)',
  '<Compare a="time-wait-reopen" b="time-wait-no-listener" />',
  '## What the article says',
  '## 没人使用的端口',
].join('\n');

describe('lessonSections', () => {
  const sections = lessonSections(mdx);

  it('cuts at headings outside code and front matter, with the slugger’s ids', () => {
    expect(sections.map((s) => s.id)).toEqual([
      'what-the-article-says',
      'a-port-nobody-uses',
      'so_linger-and-close',
      'what-the-article-says-1',
      '没人使用的端口',
    ]);
    expect(sections[2]?.title).toBe('SO_LINGER and close()');
  });

  it('gives each section the scenarios it draws, and none of the intro’s', () => {
    expect(sections.map((s) => s.drawn.map((d) => d.id))).toEqual([
      [],
      ['closed-port'],
      ['time-wait-reopen', 'time-wait-no-listener'],
      [],
      [],
    ]);
    expect(sections[1]?.drawn[0]?.profile).toBe('rfc9293');
  });
});

describe('the course’s lesson links', () => {
  const exercises = [...allExercises().exercises.values()];

  it('reference check: the RST to a port nobody listens on (R1) is shown in lesson 2, "A port nobody uses"', () => {
    expect(CATALOGUE['no-listener'].lesson).toBe('02-closed-port-time-wait');
    expect(courseSections('02-closed-port-time-wait', 'en', { reason: 'no-listener', scenario: null })).toEqual({
      id: 'a-port-nobody-uses',
      title: 'A port nobody uses',
    });
    expect(courseSections('02-closed-port-time-wait', 'zh-CN', { reason: 'no-listener', scenario: null })?.id).toBe(
      '没人使用的端口',
    );
  });

  it('every reset and FIN reason links to a section of its lesson whose drawing carries it, in both languages', () => {
    for (const [reason, entry] of Object.entries(CATALOGUE) as [Reason, RuleEntry][]) {
      if (entry.lesson === undefined || entry.kind === 'other') continue;
      for (const locale of ['en', 'zh-cn'] as const) {
        const found = courseSections(entry.lesson, locale === 'en' ? 'en' : 'zh-CN', { reason, scenario: null });
        const file = join(ROOT, 'content', 'lessons', locale, `${entry.lesson}.mdx`);
        const section = lessonSections(readFileSync(file, 'utf8')).find((s) => s.id === found?.id);
        const carried = section?.drawn.some(({ id, profile }) =>
          traceOf(id, profile).segments.some((seg) => seg.reason === reason),
        );
        expect({ reason, locale, carried }).toEqual({ reason, locale, carried: true });
      }
    }
  });

  it('exercise feedback carries the section: its heading and its id in the link', () => {
    let withSection = 0;
    for (const exercise of exercises) {
      for (const lang of ['en', 'zh-CN'] as const) {
        for (const q of exerciseView(exercise, lang, courseSections).questions) {
          const page = `/${lang === 'zh-CN' ? 'zh-cn' : 'en'}/lessons/${q.lesson.lesson}/`;
          if (q.lesson.section === null) {
            expect(q.lesson.href).toBe(page);
            continue;
          }
          withSection++;
          expect(q.lesson.href.startsWith(`${page}#`)).toBe(true);
        }
      }
    }
    // Every question's lesson draws its exercise's scenario or its rule, so nearly all links have a section.
    expect(withSection).toBeGreaterThan(200);
  });

  it('without a section lookup, links open the lesson’s top', () => {
    const exercise = exercises[0];
    if (exercise === undefined) throw new Error('no exercises');
    for (const q of exerciseView(exercise, 'en').questions) {
      expect(q.lesson.section).toBeNull();
      expect(q.lesson.href).toMatch(/\/lessons\/[^/#]+\/$/);
    }
  });
});
