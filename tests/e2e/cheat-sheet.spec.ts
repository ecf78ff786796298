/**
 * Lesson 11 as a lookup: every case listed without JavaScript, fitting at every width, and a
 * filter by what you saw that works by keyboard and says how many cases are left.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseCases } from '../../src/components/cheat-sheet.ts';
import { decodeShared } from '../../src/components/playground-link.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { axeViolations, base, watchPage } from './support.ts';

const root = join(import.meta.dirname, '..', '..');
const distDir = join(root, 'dist');
const LOCALES = ['en', 'zh-cn'] as const;
const pathOf = (locale: string) => `${base}${locale}/lessons/11-cheat-sheet/`;
const caseCount = (locale: string) =>
  parseCases(readFileSync(join(root, 'content', 'cheat-sheet', `${locale}.yaml`), 'utf8'), `${locale}.yaml`).length;
const cards = (page: Page) => page.locator('.cs-case:visible');
const sheet = (page: Page) => page.locator('cheat-sheet');
// The lesson's exercises below the sheet have their own status lines and radios.
const status = (page: Page) => sheet(page).getByRole('status');

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const locale of LOCALES) {
    test(`${locale}: every case is listed and the filter, which needs a script, is not shown`, async ({ page }) => {
      await page.goto(pathOf(locale));
      await expect(cards(page)).toHaveCount(caseCount(locale));
      await expect(page.locator('.cs-filter')).toBeHidden();
      await expect(status(page)).toContainText(String(caseCount(locale)));
    });
  }
});

test.describe('fits at every width', () => {
  for (const width of [390, 1280, 1600]) {
    for (const locale of LOCALES) {
      test(`${locale} at ${width} px: no sideways scrolling, every card inside the page`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(pathOf(locale));
        const overflow = await page.evaluate(() => {
          const html = document.documentElement;
          const wide = [...document.querySelectorAll('.cs-case, .cs-filter')].filter(
            (el) => el.getBoundingClientRect().right > html.clientWidth + 0.5,
          );
          return { page: html.scrollWidth - html.clientWidth, wide: wide.map((el) => el.id || el.className) };
        });
        expect(overflow).toEqual({ page: 0, wide: [] });
      });
    }
  }
});

test('the filter, by keyboard alone: choose ECONNRESET, hear how many cases are left, link to the result', async ({
  page,
  baseURL,
}) => {
  const problems = watchPage(page, new URL(baseURL ?? '').origin);
  await page.goto(pathOf('en'));
  const all = sheet(page).getByRole('radio', { name: 'Show every case' });
  await expect(all).toBeChecked();
  await all.focus();
  // Arrow keys move through a radio group; each step applies at once.
  const reset = sheet(page).getByRole('radio', { name: /^ECONNRESET/ });
  for (let i = 0; i < 12 && !(await reset.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(reset).toBeChecked();
  await expect(reset).toBeFocused();

  const shown = await cards(page).count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(caseCount('en'));
  await expect(status(page)).toHaveText(`${shown} of ${caseCount('en')} cases: ECONNRESET.`);
  for (const saw of await cards(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-saw') ?? ''))) {
    expect(saw.split(' ')).toContain('ECONNRESET');
  }
  // Reference checks (behaviour.md): close() with unread data and a rebooted server give the
  // peer ECONNRESET; a SYN to a closed port gives ECONNREFUSED instead.
  await expect(page.locator('#case-close-unread-data')).toBeVisible();
  await expect(page.locator('#case-crash-reboot')).toBeVisible();
  await expect(page.locator('#case-closed-port')).toBeHidden();
  await expect(page.locator('#case-close-unread-data .cs-chip.is-match').first()).toBeVisible();
  expect(new URL(page.url()).searchParams.get('saw')).toBe('ECONNRESET');
  expect(problems.consoleErrors).toEqual([]);
});

test('a link with ?saw= opens the list filtered; groups left empty are hidden; "show every case" brings all back', async ({
  page,
}) => {
  await page.goto(`${pathOf('en')}?saw=quiet`);
  await expect(sheet(page).getByRole('radio', { name: /^no RST and no FIN/ })).toBeChecked();
  // Reference checks (behaviour.md): SYN retries that run out and a peer that stays down are
  // silent; a rebooted server answers with RST.
  await expect(page.locator('#case-syn-retries-exhausted')).toBeVisible();
  await expect(page.locator('#case-half-open-peer-down')).toBeVisible();
  await expect(page.locator('#case-crash-reboot')).toBeHidden();
  await expect(page.getByRole('heading', { name: /Lesson 8 · / })).toBeHidden();
  await sheet(page).getByText('Show every case').click();
  await expect(cards(page)).toHaveCount(caseCount('en'));
  await expect(status(page)).toHaveText(`All ${caseCount('en')} cases are listed.`);
  expect(new URL(page.url()).searchParams.has('saw')).toBe(false);
});

test('the Chinese page filters in Chinese', async ({ page }) => {
  await page.goto(pathOf('zh-cn'));
  await sheet(page)
    .getByRole('radio', { name: /^服务器发出了 RST/ })
    .check();
  const shown = await cards(page).count();
  await expect(status(page)).toHaveText(`${caseCount('zh-cn')} 种情况中有 ${shown} 种：服务器发出了 RST。`);
  await expect(page.locator('#case-closed-port')).toBeVisible();
  await expect(page.locator('#case-linger-zero-abort')).toBeHidden();
});

test('filtered, the page is still accessible in both colour schemes', async ({ page }) => {
  // Two axe runs over the whole page: tens of seconds on a busy machine (a timeout, not a budget).
  test.slow();
  await page.goto(`${pathOf('en')}?saw=EPIPE`);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page, 'colour')).toEqual([]);
});

test('every lesson and scenario link leads to a page, and to a figure or a scenario, that exists', () => {
  for (const locale of LOCALES) {
    const html = readFileSync(join(distDir, locale, 'lessons', '11-cheat-sheet', 'index.html'), 'utf8');
    const sheet = html.slice(html.indexOf('<cheat-sheet'), html.indexOf('</cheat-sheet>'));
    const hrefs = [...sheet.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(caseCount(locale));
    for (const href of hrefs) {
      const [path = '', fragment] = href.split('#');
      expect(path.startsWith(`${base}${locale}/`), href).toBe(true);
      const target = readFileSync(join(distDir, path.slice(base.length), 'index.html'), 'utf8');
      if (path.endsWith('/playground/')) {
        // The playground gets the scenario file itself, as its share links carry it.
        const shared = decodeShared(fragment ?? '');
        if (shared === null || shared === 'invalid') throw new Error(`${href}: no scenario in the link`);
        const parsed = parseScenario(shared.text, 'link');
        if (!parsed.ok) throw new Error(`${href}: the scenario does not parse`);
        const file = join(root, 'exercises', 'scenarios', `${parsed.scenario.id}.yaml`);
        expect(shared.text, href).toBe(readFileSync(file, 'utf8'));
      } else if (fragment) {
        expect(target, `${href}: no element with that id`).toContain(`id="${fragment}"`);
      }
    }
  }
});
