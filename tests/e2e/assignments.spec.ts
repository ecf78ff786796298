/**
 * Assignment pages in both locales, end to end: a learner opens the instructor's link, answers
 * every question of their own variant by keyboard (the model's answers for that learner, from
 * src/assign's key, and one wrong on purpose), reloads, downloads the submission and copies its
 * code, and `npm run grade` gives n−1 of n for both. Exam mode shows nothing before submitting.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { pickVariant } from '../../src/assign/hash.ts';
import type { AnswerKey } from '../../src/assign/key.ts';
import { loadAssignment } from '../../src/assign/load.ts';
import { loadCourse } from '../../src/exercises/load.ts';
import { axeViolations, base, watchPage } from './support.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const course = await loadCourse(ROOT);

async function keyOf(id: string): Promise<AnswerKey> {
  const loaded = await loadAssignment(ROOT, course, id);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.key;
}

interface Expected {
  exercise: string;
  question: string;
  answer: string;
  choices: string[];
}

/** The learner's questions in page order with the model's answers for their variant. */
function expectedFor(key: AnswerKey, learner: string): Expected[] {
  return key.exercises.flatMap((e) => {
    const entry = e.pool[pickVariant(key.assignment.id, learner, e.id, e.pool.length)];
    return (entry?.questions ?? []).map((q) => ({
      exercise: e.id,
      question: q.id,
      answer: q.answer,
      choices: q.choices,
    }));
  });
}

const locales = [
  { locale: 'en', fromLink: 'Learner id from your link', right: 'Right.', wrong: 'Not quite.' },
  { locale: 'zh-cn', fromLink: '链接中的学员编号', right: '正确。', wrong: '不对。' },
] as const;

const pageOf = (id: string, locale: string, learner: string) =>
  `${base}${locale}/assignments/${id}/?learner=${encodeURIComponent(learner)}`;
const formOf = (page: Page, q: Expected) =>
  page.locator(`form.ex-question[data-exercise="${q.exercise}"][data-question="${q.question}"]`);

/** Focus the question's first radio, Space, then arrow down to the wanted one: keyboard only. */
async function choose(page: Page, form: Locator, value: string): Promise<void> {
  const radios = form.locator('input[type=radio]');
  const values = await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const index = values.indexOf(value);
  expect(index, `${value} among ${values.join(', ')}`).toBeGreaterThanOrEqual(0);
  await radios.first().focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(radios.nth(index)).toBeChecked();
}

/** Runs the grader's CLI on one file; the gradebook row of the learner. */
function grade(id: string, file: string, dir: string): Record<string, string> {
  const out = join(dir, `grades-${Date.now()}.csv`);
  const run = spawnSync(process.execPath, ['src/cli/grade.ts', '--assignment', id, '--out', out, file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true });
  expect(rows.data).toHaveLength(1);
  return rows.data[0] ?? {};
}

for (const id of ['rst-basics-practice', 'fin-or-rst-exam']) {
  for (const { locale, fromLink, right, wrong } of locales) {
    test(`${id} (${locale}): answer by keyboard, reload, download and copy; the grader gives n−1 of n`, async ({
      page,
      baseURL,
    }) => {
      test.slow();
      const key = await keyOf(id);
      const exam = key.assignment.mode === 'exam';
      const learner = `e2e-${locale}-${id.length}`;
      const expected = expectedFor(key, learner);
      const n = expected.length;
      const wrongAnswer = expected[0]?.choices.find((c) => c !== expected[0]?.answer) ?? '';
      const problems = watchPage(page, new URL(baseURL ?? '').origin);
      const feedbackFetched: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('-feedback.json')) feedbackFetched.push(r.url());
      });

      await page.goto(pageOf(id, locale, learner));
      await expect(page.locator('.as-learner-state')).toContainText(fromLink);
      await expect(page.locator('.as-learner-state')).toContainText(learner);
      await expect(page.locator('#as-learner-id')).toHaveValue(learner);
      await expect(page.locator('form.ex-question')).toHaveCount(n);
      for (const [i, q] of expected.entries()) {
        const form = formOf(page, q);
        await expect(form.getByRole('group')).toBeVisible();
        await choose(page, form, i === 0 ? wrongAnswer : q.answer);
        if (!exam) {
          await page.keyboard.press('Tab');
          await expect(form.locator('button[type=submit]')).toBeFocused();
          await page.keyboard.press('Enter');
          await expect(form.getByRole('status')).toContainText(i === 0 ? wrong : right);
        }
      }
      const counted = locale === 'en' ? `Answered ${n} of ${n}` : `已回答 ${n} / ${n}`;
      await expect(page.locator('.as-count')).toContainText(counted);
      if (exam) {
        // Nothing of the answers before submitting: no feedback file, no status text.
        expect(feedbackFetched).toEqual([]);
        for (const status of await page.locator('.ex-status').all()) await expect(status).toBeEmpty();
      }

      await page.reload();
      await expect(page.locator('form.ex-question')).toHaveCount(n);
      for (const [i, q] of expected.entries()) {
        await expect(formOf(page, q).locator(`input[value="${i === 0 ? wrongAnswer : q.answer}"]`)).toBeChecked();
      }

      if (exam) {
        await page.locator('[data-as=finish]').click();
        await expect(page.locator('.as-finished')).toBeVisible();
        await expect(formOf(page, expected[0] as Expected).getByRole('status')).toContainText(wrong);
        await expect(formOf(page, expected[1] as Expected).getByRole('status')).toContainText(right);
        await expect(page.locator('form.ex-question input[type=radio]').first()).toBeDisabled();
      }
      await expect(page.locator('.as-result')).toContainText(`${n - 1}`);

      const dir = mkdtempSync(join(tmpdir(), 'trl-e2e-'));
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-as=download]').press('Enter'),
      ]);
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const row = grade(id, file, dir);
      expect(row['learner']).toBe(learner);
      const firstColumn = `${expected[0]?.exercise}/${expected[0]?.question}`;
      expect(row[firstColumn]).toBe('0');
      const ones = expected.filter((q) => row[`${q.exercise}/${q.question}`] === '1').length;
      expect(ones).toBe(n - 1);

      await page.locator('[data-as=copy]').click();
      const box = page.locator('#as-code-text');
      await expect(box).toHaveValue(/^TRL1\./);
      const codeFile = join(dir, 'codes.txt');
      writeFileSync(codeFile, `${await box.inputValue()}\n`);
      const fromCode = grade(id, codeFile, dir);
      expect(fromCode['score']).toBe(row['score']);
      expect(fromCode['pass']).toBe(row['pass']);

      expect(await axeViolations(page)).toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.otherOrigins).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
    });
  }
}

test('stored answers that cannot be read are set aside with a notice, and the page still works', async ({ page }) => {
  const id = 'rst-basics-practice';
  const learner = 'corrupt-1';
  await page.goto(`${base}en/assignments/${id}/`);
  await page.evaluate(
    ([k]) => localStorage.setItem(k ?? '', '{"v":1,"answers":'),
    [`trl.assignment.v1:${id}:${learner}`],
  );
  await page.goto(pageOf(id, 'en', learner));
  await expect(page.getByRole('alert')).toContainText('could not be read');
  await expect(page.locator('form.ex-question').first()).toBeVisible();
  const aside = await page.evaluate(
    ([k]) => localStorage.getItem(k ?? ''),
    [`trl.assignment.v1.set-aside:${id}:${learner}`],
  );
  expect(aside).toBe('{"v":1,"answers":');
});

test('a learner without a link types an id; the due date and the notes are stated', async ({ page }) => {
  await page.goto(`${base}zh-cn/assignments/fin-or-rst-exam/`);
  await expect(page.locator('.as-notes')).toContainText('不是监考');
  await expect(page.locator('.as-due time')).toHaveAttribute('datetime', '2026-12-20T23:59:00+08:00');
  await expect(page.locator('form.ex-question')).toHaveCount(0);
  await page.getByLabel('你的学员编号').fill('typed-in');
  await page.keyboard.press('Enter');
  await expect(page.locator('.as-learner-state')).toContainText('typed-in');
  await expect(page.locator('form.ex-question').first()).toBeVisible();
});

test('after the due date the page says so', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-12-21T00:00:00Z'));
  await page.goto(`${base}en/assignments/fin-or-rst-exam/`);
  await expect(page.locator('.as-due')).toContainText('past: a submission made now is marked late');
  await page.clock.setFixedTime(new Date('2026-12-01T00:00:00Z'));
  await page.reload();
  await expect(page.locator('.as-due')).toContainText('still open');
});
