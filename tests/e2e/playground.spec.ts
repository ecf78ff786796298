/**
 * The playground: errors by line, live diagram and table, profiles, the step builder,
 * share links, pcap downloads and the keyboard, with the model running in the page.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, base, watchPage, type PageProblems } from './support.ts';

const english = `${base}en/playground/`;

const scenario = (third: string) =>
  [
    'id: typed',
    'title: { en: Typed here, zh-CN: 在这里输入 }',
    third,
    'hosts: [client, server]',
    'steps:',
    '  - server: listen 5000',
    '  - client: connect server:5000',
    '  - server: accept',
    '  - client: send 100',
    '  - client: linger 0s',
    '  - client: close',
    '',
  ].join('\n');

const editor = (page: Page) => page.getByRole('textbox', { name: 'Scenario (YAML)' });
const errors = (page: Page) => page.locator('.pg-errors');
const figure = (page: Page) => page.locator('.pg-figure');

async function open(page: Page, origin: string, path = english): Promise<PageProblems> {
  const problems = watchPage(page, origin);
  await page.goto(path);
  // The script has run once the controls it reveals are visible.
  await expect(page.getByRole('button', { name: 'Add step' })).toBeVisible();
  return problems;
}

function expectQuiet(problems: PageProblems) {
  expect.soft(problems.consoleErrors, 'console errors').toEqual([]);
  expect.soft(problems.otherOrigins, 'requests to other origins').toEqual([]);
  expect.soft(problems.failedRequests, 'failed requests').toEqual([]);
}

test('a mistake is listed and marked by its line; once fixed, the diagram and table follow', async ({
  page,
  baseURL,
}) => {
  const problems = await open(page, new URL(baseURL ?? '').origin);
  await editor(page).fill(scenario('profle: linux'));
  await expect(errors(page)).toContainText('line 3');
  await expect(errors(page)).toContainText("did you mean 'profile'?");
  await expect(page.locator('.pg-gutter .is-bad')).toHaveText(['3']);
  await expect(editor(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('still shows the last scenario that ran')).toBeVisible();

  // The error state is accessible too, in both colour schemes.
  await page.emulateMedia({ colorScheme: 'light' });
  expect.soft(await axeViolations(page), 'axe violations (light)').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect.soft(await axeViolations(page, 'colour'), 'axe violations (dark)').toEqual([]);

  await editor(page).fill(scenario('profile: linux'));
  await expect(errors(page)).toBeHidden();
  await expect(page.locator('.pg-gutter .is-bad')).toHaveCount(0);
  await expect(figure(page).locator('.scenario-title')).toHaveText('Typed here');
  expect(await figure(page).locator('svg.sequence .seg').count()).toBeGreaterThan(0);
  await expect(figure(page).locator('svg.sequence .seg-rst')).toHaveCount(1);
  expect(await figure(page).locator('tbody tr').count()).toBeGreaterThan(0);
  await expect(figure(page).locator('tbody')).toContainText('RST+ACK');
  expectQuiet(problems);
});

test('a scenario that parses but cannot run shows the model’s error by its line', async ({ page, baseURL }) => {
  const problems = await open(page, new URL(baseURL ?? '').origin);
  await editor(page).fill(
    'id: twice\nhosts: [client, server]\nsteps:\n  - server: listen 80\n  - client: connect server:80\n  - client: connect server:80\n  - client: send 10\n',
  );
  await expect(errors(page)).toContainText("line 7: 'send' is ambiguous");
  await expect(page.locator('.pg-gutter .is-bad')).toHaveText(['7']);
  expectQuiet(problems);
});

/** Keepalive probes every second while the peer answers: about 2 segments and 2 events a second. */
const keepalive = (...waits: string[]) =>
  `id: long\nhosts: [client, server]\nsteps:\n  - server: listen 80\n  - client: connect server:80\n  - client: keepalive 1s 1s 3\n${waits.map((w) => `  - wait: ${w}\n`).join('')}`;

test('a run that would take seconds is stopped, and the page stays usable', async ({ page, baseURL }) => {
  const problems = await open(page, new URL(baseURL ?? '').origin);
  // Thirty days of probes: five million segments, far more than 4 s of work for the model even
  // on an idle machine (about 4 µs a segment: npm run bench), so the limit always stops it.
  await editor(page).fill(keepalive(...Array<string>(60).fill('12h')));
  await expect(errors(page)).toContainText('still running after 4 s', { timeout: 10_000 });
  await editor(page).fill(scenario('profile: linux'));
  await expect(figure(page).locator('.scenario-title')).toHaveText('Typed here');
  await expect(errors(page)).toBeHidden();
  expectQuiet(problems);
});

test('a long trace is drawn up to its first 1500 items, and says so', async ({ page, baseURL }) => {
  const problems = await open(page, new URL(baseURL ?? '').origin);
  await editor(page).fill(keepalive('1h'));
  await expect(page.locator('.pg-ok')).toContainText('show the first 1500', { timeout: 10_000 });
  // One drawn item per trace item (timer bars beside the lifelines come on top).
  await expect(figure(page).locator('svg.sequence g.seg, svg.sequence g.ev')).toHaveCount(1500);
  await expect(figure(page).locator('tbody tr')).toHaveCount(1500);
  expectQuiet(problems);
});

test('the rfc9293 profile turns the abort’s RST+ACK into a bare RST', async ({ page, baseURL }) => {
  const problems = await open(page, new URL(baseURL ?? '').origin);
  await editor(page).fill(scenario('profile: linux'));
  const reset = figure(page).locator('svg.sequence .seg-rst .seg-label');
  await expect(reset).toHaveText('RST+ACK');
  await page.getByLabel('Profile').selectOption('rfc9293');
  await expect(reset).toHaveText('RST');
  await expect(figure(page).locator('.scenario-profile')).toContainText('RFC 9293');
  await page.getByLabel('Profile').selectOption('linux');
  await expect(reset).toHaveText('RST+ACK');
  expectQuiet(problems);
});

test('the step builder adds a line to the steps and the diagram follows', async ({ page, baseURL }) => {
  const problems = await open(page, new URL(baseURL ?? '').origin);
  await editor(page).fill(
    'id: built\nhosts: [alice, bob]\nsteps:\n  - bob: listen 5000\n  - alice: connect bob:5000\n',
  );
  // The hosts to choose from are the scenario's.
  await page.getByLabel('Who').selectOption('alice');
  await page.getByLabel('Verb').selectOption('send');
  await expect(page.getByText('Form: send N')).toBeVisible();
  await page.getByRole('textbox', { name: 'Arguments' }).fill('250');
  const before = (await editor(page).inputValue()).trimEnd().split('\n').length;
  await page.getByRole('button', { name: 'Add step' }).click();
  const lines = (await editor(page).inputValue()).trimEnd().split('\n');
  expect(lines).toHaveLength(before + 1);
  expect(lines.at(-1)).toBe('  - alice: send 250');
  await expect(page.locator('.pg-builder-status')).toHaveText(`Added on line ${before + 1}: alice: send 250`);
  await expect(figure(page).locator('svg.sequence .seg-label', { hasText: '250B' }).first()).toBeAttached();
  expectQuiet(problems);
});

test('Copy link puts the scenario in a link, and the link brings it back', async ({ page, baseURL, context }) => {
  const origin = new URL(baseURL ?? '').origin;
  const problems = await open(page, origin);
  const text = scenario('# 中文注释也可以');
  await editor(page).fill(text);
  await page.getByLabel('Profile').selectOption('rfc9293');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const field = page.getByRole('textbox', { name: 'Link to this scenario' });
  await expect(field).toHaveValue(/#scenario=[\w-]+&profile=rfc9293$/);
  await expect(field).toHaveAttribute('readonly', '');
  const link = await field.inputValue();
  expect(link.startsWith(`${origin}${english}#`)).toBe(true);
  expectQuiet(problems);

  const other = await context.newPage();
  const again = await open(other, origin, link);
  await expect(editor(other)).toHaveValue(text);
  await expect(other.getByLabel('Profile')).toHaveValue('rfc9293');
  await expect(figure(other).locator('svg.sequence .seg-rst .seg-label')).toHaveText('RST');
  expectQuiet(again);
});

test('a link that was cut short says so and shows the example', async ({ page, baseURL }) => {
  const problems = await open(page, new URL(baseURL ?? '').origin, `${english}#scenario=A`);
  await expect(page.locator('.pg-ok')).toContainText('could not be read');
  await expect(editor(page)).toHaveValue(/id: my-scenario/);
  expectQuiet(problems);
});

test('Download .pcap saves the trace from a same-origin blob', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const problems = await open(page, origin);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download .pcap' }).click(),
  ]);
  expect(download.url().startsWith(`blob:${origin}/`)).toBe(true);
  expect(download.suggestedFilename()).toBe('my-scenario.pcap');
  const bytes = readFileSync(await download.path());
  expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(bytes.length).toBeGreaterThan(24);
  await expect(page.locator('.pg-share-status')).toContainText('my-scenario.pcap');
  expectQuiet(problems);
});

test('the diagram can be reached and stepped with the keyboard alone', async ({ page, baseURL }) => {
  const problems = await open(page, new URL(baseURL ?? '').origin);
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.matches('.pg-figure .scenario-diagram') ?? false);
  }
  expect(reached, 'Tab reaches the diagram').toBe(true);
  const position = figure(page).locator('.scenario-position');
  // The playground opens on the whole trace, nothing hidden.
  const total = Number(await figure(page).locator('scenario-player').getAttribute('data-frames'));
  expect(total).toBeGreaterThan(1);
  await expect(position).toContainText(String(total));
  expect(await figure(page).locator('svg .is-hidden').count()).toBe(0);
  await page.keyboard.press('Home');
  await expect(position).toHaveText(`Event 0 of ${total}`);
  await page.keyboard.press('ArrowRight');
  await expect(position).toHaveText(`Event 1 of ${total}`);
  await expect(figure(page).locator('svg [data-frame="0"]')).toHaveClass(/is-current/);
  await expect(figure(page).locator('svg [data-frame="1"]')).toHaveClass(/is-hidden/);
  expectQuiet(problems);
});

test('the Chinese playground speaks Chinese', async ({ page, baseURL }) => {
  const problems = watchPage(page, new URL(baseURL ?? '').origin);
  await page.goto(`${base}zh-cn/playground/`);
  const zhEditor = page.getByRole('textbox', { name: '场景（YAML）' });
  await expect(zhEditor).toHaveValue(/# 改改看/);
  await zhEditor.fill(scenario('profle: linux'));
  await expect(errors(page)).toContainText('第 3 行');
  await expect(page.getByRole('button', { name: '添加这一步' })).toBeVisible();
  expectQuiet(problems);
});

test('without JavaScript the example’s diagram and table are there', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(english);
  await expect(page.getByText('so it needs JavaScript')).toBeVisible();
  expect(await figure(page).locator('svg.sequence .seg').count()).toBeGreaterThan(0);
  await expect(figure(page).locator('tbody tr').first()).toBeAttached();
  await expect(page.getByRole('button', { name: 'Add step' })).toBeHidden();
  await context.close();
});
