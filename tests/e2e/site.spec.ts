import { expect, test, type Page } from '@playwright/test';
import { axeViolations, base, builtPages, watchPage, type PageProblems } from './support.ts';

const pages = builtPages();

/** Checks every page must pass: all WCAG A/AA rules in the light theme, colours in the dark one too. */
async function expectCleanPage(page: Page, problems: PageProblems, lang: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect.soft(await axeViolations(page), 'axe violations (light theme)').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect.soft(await axeViolations(page, 'colour'), 'axe violations (dark theme)').toEqual([]);
  expect.soft(problems.consoleErrors, 'console errors').toEqual([]);
  expect.soft(problems.otherOrigins, 'requests to other origins').toEqual([]);
}

test.describe('every page, both locales', () => {
  test('the build has pages in both locales', () => {
    expect(pages.filter((p) => p.locale === 'en').length).toBeGreaterThan(0);
    expect(pages.filter((p) => p.locale === 'zh-cn').length).toBeGreaterThan(0);
  });

  for (const { path, lang } of pages) {
    test(`${path} is accessible, quiet, self-contained and in ${lang}`, async ({ page, baseURL }) => {
      // axe over a whole lesson, twice, takes tens of seconds on a busy machine: not a budget.
      test.slow();
      const problems = watchPage(page, new URL(baseURL ?? '').origin);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect.soft(problems.failedRequests, 'failed requests').toEqual([]);
      await expectCleanPage(page, problems, lang);
    });
  }
});

test.describe('site root', () => {
  test('sends visitors to the English home page, even without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForURL(`**${base}en/`);
    await expect(page.getByRole('heading', { level: 1, name: 'TCP Reset Lab' })).toBeVisible();
    await context.close();
  });

  test('links both languages for browsers that do not follow the refresh', async ({ request }) => {
    const html = await (await request.get(base)).text();
    expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${base}en/">`);
    expect(html).toMatch(new RegExp(`<a href="${base}en/"[^>]*>English</a>`));
    expect(html).toMatch(new RegExp(`<a href="${base}zh-cn/"[^>]*>简体中文</a>`));
  });
});

test.describe('language switcher', () => {
  const english = pages.filter((p) => p.locale === 'en').map((p) => p.path);
  // The home page, and the first lesson once there is one.
  const samples = [`${base}en/`, ...english.filter((p) => p !== `${base}en/`).slice(0, 1)];

  for (const enPath of samples) {
    const zhPath = enPath.replace(`${base}en/`, `${base}zh-cn/`);
    test(`moves between ${enPath} and ${zhPath}`, async ({ page }) => {
      await page.goto(enPath);
      await page.getByRole('combobox', { name: 'Select language' }).selectOption({ label: '简体中文' });
      await page.waitForURL(`**${zhPath}`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await page.getByRole('combobox', { name: '选择语言' }).selectOption({ label: 'English' });
      await page.waitForURL(`**${enPath}`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    });
  }
});

test('the scenario JSON Schema is served', async ({ request }) => {
  const response = await request.get(`${base}schema/scenario.json`);
  expect(response.status(), 'public/schema/scenario.json must exist (npm run schema)').toBe(200);
  expect(response.headers()['content-type']).toMatch(/json/);
  const schema: unknown = await response.json();
  expect(schema).toBeInstanceOf(Object);
});

test('a missing page gets the bilingual 404 page', async ({ page, baseURL }) => {
  const problems = watchPage(page, new URL(baseURL ?? '').origin);
  const response = await page.goto(`${base}en/no-such-page/`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: '404' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'English home page' })).toHaveAttribute('href', `${base}en/`);
  await expect(page.getByRole('link', { name: '中文首页' })).toHaveAttribute('href', `${base}zh-cn/`);
  // The document's own 404 is the point; any other failed request is not. The browser also
  // logs that 404 as a console error, and failedRequests would list any other.
  expect(problems.failedRequests.filter((r) => !r.startsWith(page.url()))).toEqual([]);
  problems.consoleErrors = problems.consoleErrors.filter((e) => !/status of 404/.test(e));
  await expectCleanPage(page, problems, 'en');
});

test('search finds pages in the reader’s language', async ({ page }) => {
  await page.goto(`${base}zh-cn/`);
  await page.getByRole('button', { name: '搜索' }).click();
  const dialog = page.getByRole('dialog', { name: '搜索' });
  await dialog.getByRole('textbox', { name: '搜索' }).fill('套接字');
  const results = dialog.locator('a[href*="/zh-cn/"]');
  await expect(results.first()).toBeVisible();
  await expect(dialog.locator('a[href*="/en/"]')).toHaveCount(0);
});

test('a lesson waits for one stylesheet only; search styles arrive after the page and style the dialog', async ({
  page,
  request,
}) => {
  const url = `${base}zh-cn/lessons/10-beyond-the-article/`;
  const html = await (await request.get(url)).text();
  const sheets = [...html.matchAll(/<link rel="stylesheet"[^>]*>/g)].map((m) => m[0]);
  expect(sheets, 'stylesheets linked by the page').toHaveLength(1);
  const href = /href="([^"]+)"/.exec(sheets[0] ?? '')?.[1] ?? '';
  const css = await (await request.get(href)).text();
  expect(css, 'print rules are in the main stylesheet').toContain('@media print');
  expect(css, 'no search dialog rules before first paint').not.toContain('pagefind-ui__result');

  await page.goto(url);
  await expect(page.locator('head link[rel="stylesheet"][href*="search-dialog"]')).toHaveCount(1);
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: '搜索' });
  await dialog.getByRole('textbox', { name: '搜索' }).fill('RST');
  const result = dialog.locator('.pagefind-ui__result').first();
  await expect(result).toBeVisible();
  // Pagefind's rules (results are not bulleted) and Starlight's (the page does not scroll behind).
  expect(await result.evaluate((li) => getComputedStyle(li).listStyleType)).toBe('none');
  expect(await page.locator('[data-search-modal-open]').evaluate((el) => getComputedStyle(el).overflow)).toBe('hidden');
});

test('printing a lesson: light colours, whole diagrams, no controls, trace tables open', async ({ page }) => {
  await page.goto(`${base}en/lessons/09-linger-abort/`);
  // A player of its own (in a comparison, the comparison's controls step it).
  const player = page.locator('scenario-player:not(scenario-compare scenario-player)').first();
  await expect(player.locator('.scenario-controls')).toBeVisible();
  // Step into the diagram, so printing has to show what playing had hidden.
  await player.getByRole('button', { name: 'Step forward' }).click();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await expect(player.locator('.scenario-controls')).toBeHidden();
  const hidden = player.locator('svg [data-frame].is-hidden').first();
  // (On screen it fades; the print rule's opacity arrives at the end of that transition.)
  await expect.poll(() => hidden.evaluate((g) => getComputedStyle(g).opacity)).toBe('1');
  // Every trace table prints, the players' and the exercises' alike.
  const tables = page.locator('details.scenario-table');
  expect(await tables.count()).toBeGreaterThan(3);
  for (const table of await tables.locator('table').all()) await expect(table).toBeVisible();
  // Starlight's print rules (in the main stylesheet now): dark text on white even in the dark theme.
  const text = await page.evaluate(() => getComputedStyle(document.body).color);
  expect(text).not.toBe(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  expect(await tables.evaluateAll((ds) => ds.some((d) => (d as HTMLDetailsElement).open))).toBe(false);
});
