/**
 * The exercise widget, practice, progress and review pages in both locales. The answers come
 * from the build's data files (dist/exercise-data/*.json), which the model wrote: nothing here
 * types an answer by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadCourse } from '../../src/exercises/load.ts';
import { solveExercise } from '../../src/exercises/solve.ts';
import { axeViolations, base, watchPage } from './support.ts';

interface Choice {
  value: string;
  correct: boolean;
  beliefs: string[];
  diagnosis: Record<'en' | 'zh-CN', string[]>;
}
interface Question {
  key: string;
  kind: string;
  answer: string | null;
  choices: Choice[];
  rule: Record<'en' | 'zh-CN', string> | null;
  outcome: Record<'en' | 'zh-CN', string> | null;
  hints: Record<'en' | 'zh-CN', string[]>;
  next: Record<'en' | 'zh-CN', string> | null;
  lesson: Record<'en' | 'zh-CN', string>;
  section: Record<'en' | 'zh-CN', string | null>;
}
interface Data {
  id: string;
  lesson: string;
  questions: Question[];
}

const dataDir = join(import.meta.dirname, '..', '..', 'dist', 'exercise-data');
const all: Data[] = readdirSync(dataDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dataDir, f), 'utf8')) as Data);

/** The first exercise whose first question has a wrong choice that a belief predicts, and a rule. */
const picked = all.find((d) => {
  const q = d.questions[0];
  return (
    q !== undefined && q.kind !== 'goal' && q.rule !== null && q.choices.some((c) => !c.correct && c.beliefs.length > 0)
  );
});
if (picked === undefined) throw new Error('no exercise with a diagnosed first question in dist/exercise-data');
const data: Data = picked;
const first = data.questions[0] as Question;
const wrong = first.choices.find((c) => !c.correct && c.beliefs.length > 0) as Choice;
const right = first.choices.find((c) => c.correct) as Choice;

const locales = [
  { locale: 'en', lang: 'en' as const, check: 'Check my answer', hint: 'Hint' },
  { locale: 'zh-cn', lang: 'zh-CN' as const, check: '检查答案', hint: '提示' },
];

const practice = (locale: string) => `${base}${locale}/practice/${data.lesson}/`;
const exercise = (page: Page) => page.locator(`#ex-${data.id}`);
const questionForm = (page: Page) => exercise(page).locator('.ex-question').first();

/** Picks the choice by keyboard only: focus the first radio, move with the arrow keys, Tab to submit, Enter. */
async function answerByKeyboard(page: Page, form: Locator, value: string): Promise<void> {
  const radios = form.locator('input[type=radio]');
  const values = await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const index = values.indexOf(value);
  expect(index).toBeGreaterThanOrEqual(0);
  await radios.first().focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(radios.nth(index)).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(form.locator('button[type=submit]')).toBeFocused();
  await page.keyboard.press('Enter');
}

for (const { locale, lang, check, hint } of locales) {
  test.describe(`exercises (${locale})`, () => {
    test('a wrong then a right answer by keyboard: the belief, then the rule; nothing shown before', async ({
      page,
      baseURL,
    }) => {
      const problems = watchPage(page, new URL(baseURL ?? '').origin);
      const fetched: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/exercise-data/')) fetched.push(r.url());
      });
      await page.goto(practice(locale));
      const form = questionForm(page);
      await expect(form.getByRole('group')).toBeVisible();
      await expect(form.getByRole('button', { name: check })).toBeVisible();
      // No peeking: the outcome, the rule, later questions and the data are not in the page yet.
      const before = (await page.content()).replace(/\s+/g, ' ');
      expect(before).not.toContain(first.outcome?.[lang] ?? '\u0000');
      expect(fetched).toEqual([]);
      await expect(exercise(page).locator('.ex-question')).toHaveCount(1);
      // The trace up to the first question arrives after the page has loaded, from its own file.
      await expect(exercise(page).locator('.ex-stage svg.sequence')).toBeVisible();
      await expect(exercise(page).locator('.ex-stage')).not.toHaveAttribute('aria-busy', 'true');
      expect(fetched).toEqual([]);
      const rowsBefore = await exercise(page).locator('.ex-stage tbody tr').count();

      await answerByKeyboard(page, form, wrong.value);
      const status = form.getByRole('status');
      await expect(status).toContainText(lang === 'en' ? 'Not quite.' : '不对。');
      for (const text of wrong.diagnosis[lang]) await expect(status).toContainText(text);
      await expect(status).not.toContainText(first.rule?.[lang] ?? '\u0000');

      await answerByKeyboard(page, form, right.value);
      await expect(status).toContainText(lang === 'en' ? 'Right.' : '正确。');
      await expect(status).toContainText(first.rule?.[lang] ?? '');
      await expect(form.locator('.ex-attempts')).toContainText('2');
      // Then the model's outcome plays: the trace grows past the stop, and the next question appears.
      expect(await exercise(page).locator('.ex-stage tbody tr').count()).toBeGreaterThanOrEqual(rowsBefore);
      if (first.next !== null) await expect(exercise(page).locator('.ex-question')).toHaveCount(2);

      // Kept across a reload, in the other locale too (one key for both): the question comes back
      // settled, with the right choice checked, the rule, and the next stage already shown.
      const other = locales.find((l) => l.locale !== locale) ?? locales[0];
      for (const [where, l] of [
        [practice(locale), lang],
        [practice(other?.locale ?? 'en'), other?.lang ?? 'en'],
      ] as const) {
        await page.goto(where);
        const again = questionForm(page);
        await expect(again.locator('.ex-attempts')).toContainText('2');
        await expect(again.getByRole('status')).toContainText(l === 'en' ? 'earlier visit' : '之前的访问');
        await expect(again.getByRole('status')).toContainText(first.rule?.[l] ?? '');
        await expect(again.locator(`input[value="${right.value}"]`)).toBeChecked();
        if (first.next !== null) await expect(exercise(page).locator('.ex-question')).toHaveCount(2);
      }
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.otherOrigins).toEqual([]);
    });

    test('the feedback links to the lesson section that shows the rule', async ({ page }) => {
      const section = first.section[lang];
      if (section === null) throw new Error(`${first.key}: its feedback has no lesson section`);
      await page.goto(practice(locale));
      const form = questionForm(page);
      await answerByKeyboard(page, form, right.value);
      const link = form.getByRole('status').getByRole('link');
      await expect(link).toContainText(section);
      const fragment = first.lesson[lang].split('#')[1] ?? '';
      expect(fragment).not.toBe('');
      await link.focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/${locale}/lessons/`));
      const heading = page.locator(`[id="${fragment}"]`);
      await expect(heading).toHaveText(section);
      await expect(heading).toBeInViewport();
    });

    test('hints come one at a time, are counted, and the last one reveals', async ({ page }) => {
      await page.goto(practice(locale));
      const form = questionForm(page);
      const button = form.getByRole('button', { name: hint, exact: true });
      const hints = first.hints[lang];
      for (const [i, text] of hints.entries()) {
        await button.focus();
        await page.keyboard.press('Enter');
        await expect(form.locator('.ex-hints li')).toHaveCount(i + 1);
        await expect(form.locator('.ex-hints li').nth(i)).toHaveText(text);
      }
      await expect(form.locator('.ex-attempts')).toContainText(String(hints.length));
      if (first.next !== null) await expect(exercise(page).locator('.ex-question')).toHaveCount(2);
    });

    test('export, clear and import restore the progress', async ({ page }) => {
      await page.goto(practice(locale));
      await answerByKeyboard(page, questionForm(page), right.value);
      await expect(questionForm(page).getByRole('status')).not.toBeEmpty();
      await page.goto(`${base}${locale}/progress/`);
      const row = page.locator(`tr[data-lesson="${data.lesson}"]`);
      await expect(row.locator('[data-col=tried]')).toHaveText('1');
      await expect(page.locator('.mastery-chart')).toBeVisible();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: lang === 'en' ? 'Export to a file' : '导出到文件' }).click(),
      ]);
      const file = await download.path();
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await expect(row.locator('[data-col=tried]')).toHaveText('0');
      await page.locator('input[data-pp=import]').setInputFiles(file);
      await expect(page.locator('.pp-status')).toContainText('1');
      await expect(row.locator('[data-col=tried]')).toHaveText('1');
      await page.reload();
      await expect(row.locator('[data-col=tried]')).toHaveText('1');
    });

    test('corrupted progress is set aside with a notice and the pages still work', async ({ page }) => {
      await page.goto(practice(locale));
      await page.evaluate(() => localStorage.setItem('tcp-reset-lab:progress:v1', '{"format":"tcp-reset-lab-pro'));
      await page.reload();
      await expect(page.locator('.ex-notice')).toBeVisible();
      await answerByKeyboard(page, questionForm(page), right.value);
      await expect(questionForm(page).getByRole('status')).toContainText(lang === 'en' ? 'Right.' : '正确。');
      await page.goto(`${base}${locale}/progress/`);
      await expect(page.getByRole('alert')).toBeVisible();
      await expect(
        page.getByRole('button', { name: lang === 'en' ? 'Export the set-aside data' : '导出单独保存的数据' }),
      ).toBeVisible();
      await page.goto(`${base}${locale}/review/`);
      await expect(page.getByRole('alert')).toBeVisible();
    });

    test('review brings back a missed question', async ({ page }) => {
      await page.goto(practice(locale));
      await answerByKeyboard(page, questionForm(page), wrong.value);
      await expect(questionForm(page).getByRole('status')).not.toBeEmpty();
      await page.goto(`${base}${locale}/review/`);
      const link = page.locator('.rv-list a');
      await expect(link).toHaveCount(1);
      await expect(link).toHaveAttribute('href', `${practice(locale)}#ex-${data.id}`);
      await expect(page.locator('[data-box="1"]')).toHaveText('1');
    });

    for (const path of ['practice/', `practice/${data.lesson}/`, 'progress/', 'review/']) {
      test(`${path} passes axe`, async ({ page }) => {
        // A practice page holds a diagram per exercise: axe takes a while on a busy machine.
        test.slow();
        await page.goto(`${base}${locale}/${path}`);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  });
}

test('every feedback link to a lesson section names a heading the built lesson has', () => {
  const dist = join(import.meta.dirname, '..', '..', 'dist');
  const pages = new Map<string, string>();
  let links = 0;
  for (const d of all) {
    for (const q of d.questions) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const [path = '', fragment] = q.lesson[lang].split('#');
        if (fragment === undefined) continue;
        links++;
        let html = pages.get(path);
        if (html === undefined) {
          html = readFileSync(join(dist, ...path.split('/').filter(Boolean), 'index.html'), 'utf8');
          pages.set(path, html);
        }
        expect(html.includes(`id="${fragment}"`), `${q.key} (${lang}): ${path} has no #${fragment}`).toBe(true);
      }
    }
  }
  expect(links).toBeGreaterThan(200);
});

test.describe('goal challenges', () => {
  const id = 'review-make-it-happen';
  const goalData = all.find((d) => d.id === id);

  test('load the model only when opened, and accept the steps the goal search found', async ({ page }) => {
    const course = await loadCourse(join(import.meta.dirname, '..', '..'));
    const exerciseDef = course.exercises.get(id);
    if (exerciseDef === undefined || goalData === undefined) throw new Error(`${id} is not in the course`);
    const goal = solveExercise(exerciseDef).questions.find((s) => 'check' in s);
    if (goal === undefined || !('check' in goal) || !goal.check.ok) throw new Error(`${id} has no reachable goal`);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || r.url().endsWith('.js')) scripts.push(r.url());
    });
    await page.goto(`${base}en/practice/${goalData.lesson}/`);
    const ex = page.locator(`#ex-${id}`);
    const q1 = goalData.questions[0] as Question;
    const answer = q1.choices.find((c) => c.correct)?.value ?? '';
    await answerByKeyboard(page, ex.locator('.ex-question').first(), answer);
    const challenge = ex.locator('.ex-goal').first();
    await expect(challenge.getByRole('group')).toBeVisible();
    const before = scripts.length;
    await challenge.getByRole('button', { name: 'Open the challenge' }).click();
    const steps = challenge.getByRole('textbox', { name: /Your steps/ });
    await expect(steps).toBeVisible();
    expect(scripts.length).toBeGreaterThan(before);
    // A verb outside the toolbox is refused by name.
    await steps.fill('steps:\n  - server: abort\n');
    await challenge.getByRole('button', { name: 'Run my steps' }).click();
    await expect(challenge.locator('.ex-status')).toContainText('not in the toolbox');
    await steps.fill(`steps:\n${goal.check.witness.map((s) => `  - ${s}`).join('\n')}\n`);
    await challenge.getByRole('button', { name: 'Run my steps' }).click();
    await expect(challenge.locator('.ex-status')).toContainText('Goal reached');
    await expect(ex.locator('.ex-question')).toHaveCount(3);
  });
});
