/**
 * The instructor's grader page, in both languages: submission files dropped and chosen, a
 * code pasted, graded in the browser with the same run as `npm run grade` — the page's scores
 * equal the CLI's for the same files, each rejected file has its own line, the CSV download
 * reads back with papaparse — and a thousand files graded in a worker while the page answers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { pickVariant } from '../../src/assign/hash.ts';
import { submissionCode, SUBMISSION_FORMAT } from '../../src/assign/submission.ts';
import { t, type Lang } from '../../src/i18n/index.ts';
import { assignmentNamed, modelSubmission, ROOT } from '../unit/assign/submissions.ts';
import { axeViolations, base, watchPage } from './support.ts';

const exam = await assignmentNamed('fin-or-rst-exam');

/** What npm run grade writes for these files: the CSV rows by learner, and the rejected files. */
function cli(files: readonly string[]): { csv: string; rejected: string[] } {
  const dir = join(files[0] ?? '', '..');
  const out = join(dir, 'cli.csv');
  const r = spawnSync(
    process.execPath,
    ['src/cli/grade.ts', '--assignment', exam.key.assignment.id, '--out', out, ...files],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(r.status, r.stderr).toBe(1);
  const rejected = [...r.stderr.matchAll(/([^/\n]+): rejected:/g)].map((m) => m[1] ?? '');
  return { csv: spawnSync('cat', [out], { encoding: 'utf8' }).stdout, rejected };
}

async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([n, body]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([body ?? ''], n ?? '', { type: 'application/json' }));
      return dt;
    },
    [name, text],
  );
  await page.locator('.ex-drop').dispatchEvent('drop', { dataTransfer: transfer });
}

for (const [locale, lang] of [
  ['en', 'en'],
  ['zh-cn', 'zh-CN'],
] as [string, Lang][]) {
  test(`${locale}: dropped, chosen and pasted submissions get the CLI's scores; bad files one a line; the CSV reads back`, async ({
    page,
    baseURL,
  }) => {
    test.slow();
    const problems = watchPage(page, new URL(baseURL ?? '').origin);
    const dir = await mkdtemp(join(tmpdir(), 'grader-e2e-'));
    const good = JSON.stringify(modelSubmission(exam, 'ada', { wrong: 2 }));
    const tampered = JSON.stringify({ ...modelSubmission(exam, 'eve'), version: '0123456789abcdef' });
    const notJson = 'my answers: RST, FIN, RST';
    const code = await submissionCode(modelSubmission(exam, 'cy', { wrong: 5 }));
    const files: [string, string][] = [
      ['ada.json', good],
      ['eve-old.json', tampered],
      ['notes.json', notJson],
      ['pasted.txt', code],
    ];
    for (const [n, text] of files) await writeFile(join(dir, n), text);
    const expected = cli(files.map(([n]) => join(dir, n)));

    await page.goto(`${base}${locale}/instructor/grade/`);
    await expect(page.getByText(t(lang, 'grader.privacy'))).toBeVisible();
    await dropFile(page, 'ada.json', good);
    await page.locator('#gr-files').setInputFiles([
      { name: 'eve-old.json', mimeType: 'application/json', buffer: Buffer.from(tampered) },
      { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from(notJson) },
    ]);
    await expect(page.locator('#gr-chosen')).toHaveText(t(lang, 'grader.chosen', { count: 3 }));
    await page.getByLabel(t(lang, 'grader.codes')).fill(`${code}\n`);
    await page.getByRole('button', { name: t(lang, 'grader.run') }).click();
    await expect(page.getByRole('status')).toHaveText(t(lang, 'grader.done', { learners: 2, rejected: 2 }));

    const rows = Papa.parse<Record<string, string>>(expected.csv, { header: true, skipEmptyLines: true }).data;
    const table = page.locator('.gr-table tbody tr');
    await expect(table).toHaveCount(rows.length);
    for (const row of rows) {
      const line = table.filter({ has: page.getByRole('rowheader', { name: row['learner'] ?? '', exact: true }) });
      await expect(line.locator('td').first()).toHaveText(`${row['score'] ?? ''}%`);
    }
    const rejected = page.locator('.gr-rejected li');
    await expect(rejected).toHaveCount(expected.rejected.length);
    for (const [i, file] of ['eve-old.json', 'notes.json'].entries()) {
      await expect(rejected.nth(i)).toContainText(file);
      await expect(rejected.nth(i)).not.toContainText(i === 0 ? 'notes.json' : 'eve-old.json');
    }
    // Each reason in the page's language.
    await expect(rejected.nth(0)).toContainText(lang === 'en' ? 'answer-key version' : '答案版本');
    await expect(rejected.nth(1)).toContainText(lang === 'en' ? 'not JSON' : '不是 JSON');
    expect(expected.rejected.sort()).toEqual(['eve-old.json', 'notes.json']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t(lang, 'grader.download.csv') }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toBe(expected.csv);
    const back = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(back.errors).toEqual([]);
    expect(back.data.map((r) => r['learner'])).toEqual(['ada', 'cy']);

    await page.emulateMedia({ colorScheme: 'light' });
    expect.soft(await axeViolations(page), 'axe violations with results shown').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect.soft(await axeViolations(page, 'colour'), 'axe violations (dark)').toEqual([]);
    expect(problems.otherOrigins, 'requests to other origins').toEqual([]);
    expect(problems.consoleErrors, 'console errors').toEqual([]);
  });
}

test('a thousand files are graded in the worker with a moving progress bar while the page answers clicks', async ({
  page,
}) => {
  test.slow();
  const { key } = exam;
  const files = Array.from({ length: 1000 }, (_, i) => {
    const learner = `learner-${String(i).padStart(4, '0')}`;
    const answers = key.exercises.flatMap((e) => {
      const entry = e.pool[pickVariant(key.assignment.id, learner, e.id, e.pool.length)];
      return (entry?.questions ?? []).map((q, j) => ({
        exercise: e.id,
        question: q.id,
        answer: (i + j) % 4 === 0 ? (q.choices.find((c) => c !== q.answer) ?? q.answer) : q.answer,
        at: '2026-12-10T10:00:00Z',
      }));
    });
    const s = {
      format: SUBMISSION_FORMAT,
      assignment: key.assignment.id,
      version: key.version,
      learner,
      submittedAt: '2026-12-10T10:00:00Z',
      build: 'e2e',
      answers,
    };
    return { name: `${learner}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(s)) };
  });
  await page.goto(`${base}en/instructor/grade/`);
  await page.locator('#gr-files').setInputFiles(files);
  await expect(page.locator('#gr-chosen')).toHaveText('Files chosen: 1000.');
  // Every value the bar takes, recorded in the page as it changes.
  await page.evaluate(() => {
    const bar = document.querySelector('#gr-progress');
    const seen: number[] = [];
    const record = window as unknown as { seen: number[]; atClick: string };
    record.seen = seen;
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest('[data-gr="clear"]') && bar instanceof HTMLProgressElement)
          record.atClick = `${bar.value} of ${bar.max}`;
      },
      true,
    );
    if (bar)
      new MutationObserver(() => seen.push(Number(bar.getAttribute('value')))).observe(bar, {
        attributes: true,
        attributeFilter: ['value'],
      });
  });
  const started = Date.now();
  await page.getByRole('button', { name: 'Grade' }).click();
  // Once the bar has moved, a click is handled while the worker grades: the chosen list is
  // cleared (the worker has its own copy). Where the click came is logged, not asserted.
  await expect
    .poll(() => page.locator('#gr-progress').evaluate((b: HTMLProgressElement) => b.value), { intervals: [20] })
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Clear the files' }).click({ timeout: 5_000 });
  await expect(page.locator('#gr-chosen')).toHaveText('');
  await expect(page.getByRole('status')).toHaveText('Learners graded: 1000. Submissions rejected: 0.', {
    timeout: 60_000,
  });
  const atClick = await page.evaluate(() => (window as unknown as { atClick: string }).atClick);
  console.log(
    `grader e2e: 1,000 files graded in ${Date.now() - started} ms; the click came at ${atClick} (not a budget)`,
  );
  const bar = page.locator('#gr-progress');
  expect(await bar.evaluate((b: HTMLProgressElement) => [b.value, b.max])).toEqual([1000, 1000]);
  const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
  expect(
    seen.some((v) => v > 0 && v < 1000),
    `progress values seen: ${seen.join(' ')}`,
  ).toBe(true);
  await expect(page.locator('.gr-table tbody tr')).toHaveCount(1000);
});
