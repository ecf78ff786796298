/** Both languages are first-class: a lesson, a UI string, a scenario title or a page in one locale only fails here. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BELIEF_IDS, REASONS } from '../../src/model/index.ts';
import {
  beliefProblems,
  dictionaryProblems,
  lessonProblems,
  pageProblems,
  reasonProblems,
  scenarioProblems,
} from './locale-parity.ts';

const root = join(import.meta.dirname, '..', '..');
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
const dictionaries = () => ({
  'src/i18n/en.json': readJson('src/i18n/en.json'),
  'src/i18n/zh-CN.json': readJson('src/i18n/zh-CN.json'),
});

describe('the repository', () => {
  it('has every lesson in en and zh-cn, each with a title and a description', () => {
    expect(lessonProblems(root)).toEqual([]);
  });

  it('has the same UI string keys in src/i18n/en.json and src/i18n/zh-CN.json, none empty', () => {
    expect(dictionaryProblems(dictionaries())).toEqual([]);
  });

  it('explains every reason id of the rule catalogue in both dictionaries (reason.<id>)', () => {
    expect(reasonProblems(dictionaries(), REASONS)).toEqual([]);
  });

  it('words every belief in both dictionaries: its name, what the learner assumed, and what is true', () => {
    expect(beliefProblems(dictionaries(), BELIEF_IDS)).toEqual([]);
  });

  it('gives every scenario in exercises/scenarios/ a title in en and zh-CN', () => {
    expect(scenarioProblems(root)).toEqual([]);
  });

  it('has the home, about and playground pages in both locales or in neither', () => {
    expect(pageProblems(root)).toEqual([]);
  });
});

describe('the checks, on planted mistakes', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'locale-parity-'));
  afterAll(() => {
    rmSync(fixture, { recursive: true, force: true });
  });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  };
  const page = (fields: string) => `---\n${fields}\n---\n\nText.\n`;

  write('content/lessons/en/01-both.mdx', page('title: Both\ndescription: In both'));
  write('content/lessons/zh-cn/01-both.mdx', page('title: 两者\ndescription: 都有'));
  write('content/lessons/en/02-english-only.mdx', page('title: Only\ndescription: English'));
  write('content/lessons/en/03-no-description.mdx', page('title: No description'));
  write('content/lessons/zh-cn/03-no-description.mdx', page('title: 没有描述\ndescription: "  "'));
  write('content/lessons/zh-cn/04-no-frontmatter.mdx', 'Just text.\n');
  write('content/lessons/en/04-no-frontmatter.mdx', page('title: T\ndescription: D'));
  write('content/lessons/en/_draft.mdx', 'ignored: not a page\n');
  write('content/home/en.mdx', page('title: Home'));
  write('content/home/zh-cn.mdx', page('title: 首页'));
  write('content/about/zh-cn.mdx', page('title: 关于'));
  write('content/playground/en.mdx', page('description: no title'));
  write('content/playground/zh-cn.mdx', page('title: 实验场'));
  const scenario = (id: string, title: string) => `id: ${id}\n${title}hosts: [a, b]\nsteps:\n  - a: listen 80\n`;
  write('exercises/scenarios/titled.yaml', scenario('titled', 'title: { en: Titled, zh-CN: 有标题 }\n'));
  write('exercises/scenarios/untitled.yaml', scenario('untitled', ''));
  write('exercises/scenarios/half-titled.yaml', scenario('half-titled', 'title: { en: English only }\n'));

  it('names a lesson missing in one locale, and a missing or empty title or description', () => {
    expect(lessonProblems(fixture)).toEqual([
      'content/lessons/zh-cn/02-english-only.mdx is missing: the lesson exists only in content/lessons/en/',
      'content/lessons/en/03-no-description.mdx: frontmatter has no description',
      'content/lessons/zh-cn/03-no-description.mdx: frontmatter has no description',
      'content/lessons/zh-cn/04-no-frontmatter.mdx: has no frontmatter (--- … --- at the top)',
    ]);
  });

  it('names a UI string key missing from one dictionary, an empty one, and mismatched placeholders', () => {
    const problems = dictionaryProblems({
      'en.json': { both: 'Both', 'only.en': 'English', empty: 'x', count: 'Event {n} of {total}' },
      'zh-CN.json': { both: '两者', empty: ' ', count: '第 {n} 个事件' },
    });
    expect(problems).toEqual([
      "key 'count' has different {placeholders} in en.json and zh-CN.json: [n, total] vs [n]",
      "zh-CN.json: key 'empty' is empty",
      "zh-CN.json: key 'only.en' is missing (it is in en.json)",
    ]);
  });

  it('names a belief without its words, and a belief key for no belief', () => {
    const problems = beliefProblems(
      { 'en.json': { 'belief.a.name': 'n', 'belief.a.as-if': 'x', 'belief.b.fact': 'y' } },
      ['a'],
    );
    expect(problems).toEqual(["en.json: no 'belief.a.fact'", "en.json: key 'belief.b.fact' names no belief"]);
  });

  it('names a reason id without its sentence, and a reason key for no reason', () => {
    const problems = reasonProblems(
      {
        'en.json': { 'reason.abort': 'Aborted.', 'reason.close': 'Closed.' },
        'zh-CN.json': { 'reason.abort': '中止。', 'reason.clos': '关闭。' },
      },
      ['abort', 'close'],
    );
    expect(problems).toEqual([
      "zh-CN.json: no sentence for reason 'close' (key 'reason.close')",
      "zh-CN.json: key 'reason.clos' names no reason id",
    ]);
  });

  it('names a scenario without a title, or with a title in one language only', () => {
    expect(scenarioProblems(fixture)).toEqual([
      "exercises/scenarios/half-titled.yaml:2: title: missing required key 'zh-CN'",
      'exercises/scenarios/untitled.yaml: no title in en (title: { en: …, zh-CN: … })',
      'exercises/scenarios/untitled.yaml: no title in zh-CN (title: { en: …, zh-CN: … })',
    ]);
  });

  it('names a top-level page missing in one locale, or without a title', () => {
    expect(pageProblems(fixture)).toEqual([
      'content/about/en.mdx is missing: the about page exists only in content/about/zh-cn.mdx',
      'content/playground/en.mdx: frontmatter has no title',
    ]);
  });
});
