/**
 * The playground's "Compare with a belief": the scenario run under a misconception beside what
 * TCP does, in both locales, chosen by keyboard, differing segments marked, kept in the share
 * link, laid out side by side on a wide screen and stacked on a phone, axe clean.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, base, watchPage, type PageProblems } from './support.ts';

const crashReboot = readFileSync(new URL('../../exercises/scenarios/crash-reboot.yaml', import.meta.url), 'utf8');

const CASES = [
  {
    locale: 'en',
    editor: 'Scenario (YAML)',
    picker: 'Compare with a belief',
    belief: 'A crashed host sends RST',
    expect: 'What you might expect (belief: A crashed host sends RST)',
    tcp: 'What TCP does',
    differs: 'Beside it, what the belief “A crashed host sends RST” expects',
    copy: 'Copy link',
    link: 'Link to this scenario',
  },
  {
    locale: 'zh-cn',
    editor: '场景（YAML）',
    picker: '与一种误解对照',
    belief: '崩溃的主机会发送 RST',
    expect: '你可能以为的（误解：崩溃的主机会发送 RST）',
    tcp: 'TCP 实际的做法',
    differs: '旁边是误解“崩溃的主机会发送 RST”所预期的',
    copy: '复制链接',
    link: '这个场景的链接',
  },
] as const;

const tcpFigure = (page: Page) => page.locator('.pg-figure');
const beliefFigure = (page: Page) => page.locator('.pg-belief-figure');

async function open(page: Page, origin: string, path: string): Promise<PageProblems> {
  const problems = watchPage(page, origin);
  await page.goto(path);
  // The script has run once the controls it reveals are visible.
  await expect(page.locator('#pg-belief')).toBeVisible();
  return problems;
}

function expectQuiet(problems: PageProblems) {
  expect.soft(problems.consoleErrors, 'console errors').toEqual([]);
  expect.soft(problems.otherOrigins, 'requests to other origins').toEqual([]);
  expect.soft(problems.failedRequests, 'failed requests').toEqual([]);
}

/** Steps the focused <select> with the arrow keys until `name` is chosen. */
async function pickByKeyboard(page: Page, picker: string, name: string) {
  const select = page.getByLabel(picker, { exact: true });
  await select.focus();
  for (let i = 0; i < 30; i++) {
    const chosen = await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
    if (chosen === name) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${name} is not among the beliefs`);
}

for (const words of CASES) {
  test(`${words.locale}: a belief chosen by keyboard runs beside TCP, marked, shared by link, axe clean`, async ({
    page,
    baseURL,
    context,
  }) => {
    const origin = new URL(baseURL ?? '').origin;
    const path = `${base}${words.locale}/playground/`;
    const problems = await open(page, origin, path);
    // Every belief is offered by its name in the page's language, after "none".
    const options = page.getByLabel(words.picker, { exact: true }).locator('option');
    expect(await options.count()).toBeGreaterThan(10);
    await expect(options.first()).toHaveAttribute('value', '');
    await page.getByRole('textbox', { name: words.editor }).fill(crashReboot);
    await pickByKeyboard(page, words.picker, words.belief);

    await expect(beliefFigure(page).locator('.scenario-title')).toHaveText(words.expect);
    await expect(tcpFigure(page).locator('.scenario-title')).toHaveText(words.tcp);
    await expect(page.locator('.pg-ok')).toContainText(words.differs);
    // Chinese sentences follow each other without a space.
    expect(await page.locator('.pg-ok').textContent()).not.toMatch(/。\s/);
    // behaviour.md case 7: the belief has the crashed host send RST as it goes down; in fact it is
    // silent and the RST comes from the rebooted host. Each side's RST is one the other lacks.
    await expect(beliefFigure(page).locator('svg .seg-marked.seg-rst').first()).toBeAttached();
    await expect(tcpFigure(page).locator('svg .seg-marked.seg-rst').first()).toBeAttached();
    await expect(tcpFigure(page).locator('svg .seg-marked .seg-label').first()).toContainText('◆');
    await expect(page.locator('.pg-belief-fact')).toBeVisible();
    await expect(page.locator('.pg-belief-fact')).not.toContainText('RFC 9293');
    // A belief is an overlay on Linux: beside the RFC 9293 profile the page says so.
    await page.locator('#pg-profile').selectOption('rfc9293');
    await expect(page.locator('.pg-belief-fact')).toContainText('RFC 9293');
    await page.locator('#pg-profile').selectOption('');
    await expect(page.locator('.pg-belief-fact')).not.toContainText('RFC 9293');
    // Both players open on the whole trace, as the playground's own does.
    expect(await beliefFigure(page).locator('svg .is-hidden').count()).toBe(0);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await axeViolations(page), 'axe violations (light)').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page, 'colour'), 'axe violations (dark)').toEqual([]);

    await page.getByRole('button', { name: words.copy }).click();
    const link = await page.getByRole('textbox', { name: words.link }).inputValue();
    expect(link).toMatch(/#scenario=[\w-]+&belief=crashed-host-resets$/);
    expectQuiet(problems);

    const other = await context.newPage();
    const again = await open(other, origin, link);
    await expect(other.getByLabel(words.picker, { exact: true })).toHaveValue('crashed-host-resets');
    await expect(beliefFigure(other).locator('.scenario-title')).toHaveText(words.expect);
    await expect(tcpFigure(other).locator('.scenario-title')).toHaveText(words.tcp);
    await expect(beliefFigure(other).locator('svg .seg-marked.seg-rst').first()).toBeAttached();
    expectQuiet(again);
  });
}

test('side by side on a wide screen, stacked on a phone', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const problems = await open(page, origin, `${base}en/playground/`);
  await page.getByRole('textbox', { name: 'Scenario (YAML)' }).fill(crashReboot);
  await page.getByLabel('Compare with a belief', { exact: true }).selectOption('crashed-host-resets');
  await expect(beliefFigure(page).locator('svg .seg-marked').first()).toBeAttached();
  for (const { width, beside } of [
    { width: 1280, beside: true },
    { width: 390, beside: false },
  ]) {
    await page.setViewportSize({ width, height: 900 });
    const a = await beliefFigure(page).boundingBox();
    const b = await tcpFigure(page).boundingBox();
    if (!a || !b) throw new Error('a figure is not laid out');
    expect(b.x > a.x + a.width - 1, `at ${width} px the belief is left of TCP`).toBe(beside);
    expect(b.y > a.y + a.height - 1, `at ${width} px TCP is below the belief`).toBe(!beside);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(sideways, `no sideways scroll at ${width} px`).toBe(false);
  }
  expectQuiet(problems);
});

test('a belief that changes nothing here says so, and none brings back the one diagram', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const problems = await open(page, origin, `${base}en/playground/`);
  const picker = page.getByLabel('Compare with a belief', { exact: true });
  await page.getByRole('textbox', { name: 'Scenario (YAML)' }).fill(crashReboot);
  // No TIME-WAIT meets a new SYN in this scenario: the belief predicts what TCP does.
  await picker.selectOption('time-wait-refuses');
  await expect(page.locator('.pg-belief-legend')).toContainText('Under this belief the outcome is the same as TCP’s.');
  await expect(page.locator('.pg-ok')).toContainText('Under this belief the outcome is the same as TCP’s.');
  await expect(beliefFigure(page)).toHaveCount(0);
  await expect(tcpFigure(page).locator('.scenario-title')).toHaveText('Server crashes and reboots');
  await picker.selectOption('crashed-host-resets');
  await expect(beliefFigure(page)).toBeVisible();
  await picker.selectOption('');
  await expect(beliefFigure(page)).toBeHidden();
  await expect(page.locator('.pg-belief-head')).toBeHidden();
  await expect(tcpFigure(page).locator('.scenario-title')).toHaveText('Server crashes and reboots');
  await expect(tcpFigure(page).locator('svg .seg-marked')).toHaveCount(0);
  expectQuiet(problems);
});

test('a link with a belief the site does not know opens the scenario without one', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const text = Buffer.from(crashReboot).toString('base64url');
  const problems = await open(page, origin, `${base}en/playground/#scenario=${text}&belief=crashed-hosts-reset`);
  await expect(page.getByRole('textbox', { name: 'Scenario (YAML)' })).toHaveValue(crashReboot);
  await expect(page.getByLabel('Compare with a belief', { exact: true })).toHaveValue('');
  await expect(tcpFigure(page).locator('.scenario-title')).toHaveText('Server crashes and reboots');
  await expect(beliefFigure(page)).toHaveCount(0);
  expectQuiet(problems);
});

test('the belief’s diagram steps by keyboard, nothing animates with reduced motion, and a mistake marks both stale', async ({
  page,
  baseURL,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const origin = new URL(baseURL ?? '').origin;
  const problems = await open(page, origin, `${base}en/playground/`);
  const editor = page.getByRole('textbox', { name: 'Scenario (YAML)' });
  await editor.fill(crashReboot);
  await page.getByLabel('Compare with a belief', { exact: true }).selectOption('crashed-host-resets');
  const diagram = page.getByRole('region', { name: /What you might expect \(belief: A crashed host sends RST\)/ });
  await expect(diagram).toBeVisible();
  const item = beliefFigure(page).locator('svg [data-frame="0"]').first();
  const duration = await item.evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(duration.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
  await diagram.focus();
  await page.keyboard.press('Home');
  const position = beliefFigure(page).locator('.scenario-position');
  await expect(position).toHaveText(/^Event 0 of \d+$/);
  await expect(item).toHaveClass(/is-hidden/);
  await page.keyboard.press('ArrowRight');
  await expect(position).toHaveText(/^Event 1 of \d+$/);
  await expect(item).not.toHaveClass(/is-hidden/);
  // TCP's diagram is a player of its own, left where it was.
  expect(await tcpFigure(page).locator('svg .is-hidden').count()).toBe(0);

  await editor.fill(crashReboot.replace('hosts:', 'hots:'));
  await expect(page.locator('.pg-errors')).toBeVisible();
  await expect(beliefFigure(page)).toHaveClass(/is-stale/);
  await expect(tcpFigure(page)).toHaveClass(/is-stale/);
  expectQuiet(problems);
});
