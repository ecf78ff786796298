/**
 * The animated scenario on a lesson page: keyboard only, reduced motion, and no JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { base, builtPages } from './support.ts';

const distDir = join(import.meta.dirname, '..', '..', 'dist');

/** The first English lesson page that shows a scenario. */
function lessonWithScenario(): string {
  for (const page of builtPages()) {
    if (page.locale !== 'en') continue;
    const file = join(distDir, page.path.slice(base.length), 'index.html');
    if (readFileSync(file, 'utf8').includes('<scenario-player')) return page.path;
  }
  throw new Error('no lesson page with a <scenario-player> in dist/');
}

const path = lessonWithScenario();

async function tabToDiagram(page: Page) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.classList.contains('scenario-diagram') ?? false);
    if (focused) return;
  }
  throw new Error('Tab never reached a scenario diagram');
}

const player = (page: Page) => page.locator('scenario-player').first();

test('a scenario can be stepped with the keyboard alone', async ({ page }) => {
  // Tabbing past the sidebar, one key at a time, is slow on a busy machine.
  test.setTimeout(60_000);
  await page.goto(path);
  await tabToDiagram(page);
  const position = player(page).locator('.scenario-position');
  const items = player(page).locator('svg [data-frame]');
  // Before anyone plays, the whole diagram is on show.
  expect(await player(page).locator('svg .is-hidden').count()).toBe(0);
  await expect(items.last()).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(position).toContainText(/\b3\b/);
  await expect(player(page).locator('svg [data-frame="2"]')).not.toHaveClass(/is-hidden/);
  await expect(player(page).locator('svg [data-frame="2"]')).toHaveClass(/is-current/);
  await expect(player(page).locator('svg [data-frame="3"]')).toHaveClass(/is-hidden/);
  await expect(player(page).locator('.scenario-caption')).not.toBeEmpty();
  await page.keyboard.press('ArrowLeft');
  await expect(position).toContainText(/\b2\b/);
  await page.keyboard.press(' ');
  await expect(player(page).locator('button[data-action="play"]')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(' ');
  await expect(player(page).locator('button[data-action="play"]')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Home');
  await expect(position).toContainText(/\b0\b/);
});

test('play starts from the beginning, at the speed chosen', async ({ page }) => {
  await page.goto(path);
  const p = player(page);
  const speed = p.locator('select[data-action="speed"]');
  await expect(speed.locator('option')).toHaveText(['0.5×', '1×', '2×', '4×']);
  // At 0.5× a frame lasts 1.8 s: time enough to see that play began at the first frame.
  await speed.selectOption('0.5');
  await p.locator('button[data-action="play"]').click();
  await expect(p.locator('svg [data-frame="1"]')).toHaveClass(/is-hidden/);
  await expect(p.locator('svg [data-frame="0"]')).not.toHaveClass(/is-hidden/);
  await speed.selectOption('4');
  // At 4× a frame lasts under a quarter of a second: three frames well within two seconds.
  await expect(p.locator('svg [data-frame="3"]')).not.toHaveClass(/is-hidden/, { timeout: 2000 });
  await p.locator('button[data-action="play"]').click();
});

test('keys work wherever focus is in the player, and the trace table follows', async ({ page }) => {
  await page.goto(path);
  const p = player(page);
  await p.locator('button[data-action="restart"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(p.locator('.scenario-position')).toContainText(/\b2\b/);
  const rows = page.locator('.scenario-table').first().locator('tr.is-current');
  await expect(rows.first()).toHaveAttribute('data-frame', '1');
  await page.keyboard.press('End');
  expect(await p.locator('svg .is-hidden').count()).toBe(0);
});

test("chapters jump to the scenario's labelled steps", async ({ page }) => {
  await page.goto(path);
  const chapter = page.locator('.scenario-chapters button').first();
  await expect(chapter).toBeVisible();
  const frame = Number(await chapter.getAttribute('data-frame'));
  await chapter.click();
  const p = page.locator('scenario-player', { has: chapter });
  await expect(p.locator(`svg [data-frame="${frame}"]`).first()).toHaveClass(/is-current/);
  await expect(p.locator(`svg [data-frame="${frame + 1}"]`).first()).toHaveClass(/is-hidden/);
});

test('the buttons step the scenario too', async ({ page }) => {
  await page.goto(path);
  await player(page)
    .getByRole('button', { name: /step forward/i })
    .click();
  await expect(player(page).locator('.scenario-position')).toContainText(/\b1\b/);
  await player(page)
    .getByRole('button', { name: /restart/i })
    .click();
  await expect(player(page).locator('.scenario-position')).toContainText(/\b0\b/);
});

test('with reduced motion nothing animates, and stepping still works', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(path);
  const item = player(page).locator('svg [data-frame="0"]');
  const duration = await item.evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(duration.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
  await player(page).locator('.scenario-diagram').focus();
  await page.keyboard.press('ArrowRight');
  await expect(item).not.toHaveClass(/is-hidden/);
});

test('without JavaScript the whole diagram and the trace table are there', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(path);
  await expect(player(page).locator('.scenario-controls')).toBeHidden();
  await expect(player(page).locator('svg [data-frame]').first()).toBeVisible();
  expect(await player(page).locator('svg .is-hidden').count()).toBe(0);
  await expect(page.locator('.scenario-table table').first()).toBeAttached();
  await context.close();
});

test('the capture download is a pcap file from this site', async ({ page, request }) => {
  await page.goto(path);
  const href = await page.locator('.scenario-download a').first().getAttribute('href');
  expect(href).toMatch(new RegExp(`^${base}pcap/[a-z0-9-]+(\\.rfc9293)?\\.pcap$`));
  const response = await request.get(href ?? '');
  expect(response.status()).toBe(200);
  const bytes = await response.body();
  // libpcap magic number 0xa1b2c3d4, little-endian.
  expect([...bytes.subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
});

test('a comparison has one set of controls that steps both diagrams', async ({ page }) => {
  const compare = builtPages().find((p) => {
    if (p.locale !== 'en') return false;
    const file = join(distDir, p.path.slice(base.length), 'index.html');
    return readFileSync(file, 'utf8').includes('<scenario-compare');
  });
  expect(compare).toBeDefined();
  await page.goto(compare?.path ?? '/');
  const box = page.locator('scenario-compare').first();
  const players = box.locator('scenario-player');
  await expect(players).toHaveCount(2);
  await expect(players.first().getByRole('button', { name: /step forward/i })).toBeHidden();
  const forward = box.locator('.compare-controls').getByRole('button', { name: /step forward/i });
  await forward.click();
  await forward.click();
  for (const i of [0, 1]) {
    await expect(players.nth(i).locator('svg [data-frame="1"]')).toHaveClass(/is-current/);
    await expect(players.nth(i).locator('svg [data-frame="2"]')).toHaveClass(/is-hidden/);
  }
  await page.keyboard.press('ArrowRight');
  for (const i of [0, 1]) await expect(players.nth(i).locator('svg [data-frame="2"]')).toHaveClass(/is-current/);
  // Segments only one of the two has are marked with a sign as well as a class.
  await expect(box.locator('svg .seg-marked .seg-label').first()).toContainText('◆');
});
