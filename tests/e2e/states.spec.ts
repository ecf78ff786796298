/**
 * The states panel beside the action: in the lessons where states decide the outcome, each
 * panel sits beside its sequence diagram at 1280 px and folds behind a toggle inside the player
 * at 390 px; stepping the player marks, for every host, the state the model's trace has put it
 * in by then. The expected states come from simulating the scenario, not from the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { simulate, type ProfileName } from '../../src/model/index.ts';
import { traceItems } from '../../src/render/trace-items.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { axeViolations, base } from './support.ts';

const lessons = ['00-normal-close', '05-timers', '06-half-open', '09-linger-abort', '10-beyond-the-article'];
const locales = ['en', 'zh-cn'] as const;

async function modelTrace(id: string, profile?: ProfileName) {
  const parsed = await loadScenarioFile(`exercises/scenarios/${id}.yaml`);
  if (!parsed.ok) throw new Error(`${id} does not parse`);
  return simulate(parsed.scenario, profile ? { profile } : {});
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(inner);
}

for (const locale of locales) {
  for (const lesson of lessons) {
    test(`${locale} ${lesson} at 1280 px: every states panel beside its diagram`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${base}${locale}/lessons/${lesson}/`);
      const players = page.locator('scenario-player:has(.scenario-states)');
      const count = await players.count();
      expect(count, 'players with a states panel').toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const player = players.nth(i);
        await player.scrollIntoViewIfNeeded();
        const states = player.locator('.scenario-states');
        await expect(states).toBeVisible();
        await expect(player.locator('.states-toggle')).toBeHidden();
        const d = await player.locator('.scenario-diagram').boundingBox();
        const s = await states.boundingBox();
        if (!d || !s) throw new Error('no box');
        expect(s.x, 'panel to the right of the diagram').toBeGreaterThanOrEqual(d.x + d.width - 1);
        expect(s.y, 'panel level with the diagram').toBeLessThan(d.y + d.height);
        expect(s.x + s.width).toBeLessThanOrEqual(1280);
      }
      await noSidewaysScroll(page);
      expect(await axeViolations(page)).toEqual([]);
    });

    test(`${locale} ${lesson} at 390 px: each states panel opens from its toggle`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}${locale}/lessons/${lesson}/`);
      const players = page.locator('scenario-player:has(.scenario-states)');
      const count = await players.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const player = players.nth(i);
        const states = player.locator('.scenario-states');
        const toggle = player.locator('.states-toggle');
        await expect(states).toBeHidden();
        await expect(toggle).toHaveAttribute('aria-expanded', 'false');
        await toggle.focus();
        await page.keyboard.press('Enter');
        await expect(toggle).toHaveAttribute('aria-expanded', 'true');
        await expect(states).toBeVisible();
        const s = await states.boundingBox();
        expect((s?.x ?? -1) >= 0 && (s?.x ?? 0) + (s?.width ?? 0) <= 390, 'panel within the screen').toBe(true);
      }
      await noSidewaysScroll(page);
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Space');
      await expect(players.last().locator('.scenario-states')).toBeHidden();
    });
  }

  const followed = [
    { lesson: '00-normal-close', id: 'normal-close' },
    { lesson: '09-linger-abort', id: 'linger-zero-abort', profile: 'rfc9293' as const },
  ];
  for (const { lesson, id, profile } of followed) {
    test(`${locale} ${lesson}: stepping marks the state the trace puts each host in (${id})`, async ({ page }) => {
      const trace = await modelTrace(id, profile);
      const items = traceItems(trace);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${base}${locale}/lessons/${lesson}/`);
      const figure = page.locator(`figure#scn-${id}-${trace.profile}`);
      // Which frame each trace item is drawn in, read from the page's trace table (one row per item).
      const frames = (
        await figure.locator('tr[data-frame]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-frame')))
      ).map(Number);
      expect(frames.length).toBe(items.length);
      const expected = (host: string, frame: number): string => {
        const changes = items.flatMap((item, i) =>
          item.kind === 'event' && item.event.kind === 'state' && item.event.host === host
            ? [{ frame: frames[i] ?? Infinity, from: item.event.from, to: item.event.to }]
            : [],
        );
        return changes.filter((c) => c.frame <= frame).at(-1)?.to ?? changes[0]?.from ?? '';
      };
      const hosts = trace.hosts.filter((h) => trace.events.some((e) => e.kind === 'state' && e.host === h));
      expect(hosts.length).toBeGreaterThan(1);
      const shown = (host: string) =>
        figure
          .locator(`.scenario-states ol[aria-label="${host}"] li[aria-current="step"]`)
          .evaluateAll((lis) => lis.map((li) => li.firstChild?.textContent?.trim() ?? ''));
      await figure.locator('.scenario-diagram').focus();
      await page.keyboard.press('Home');
      for (const host of hosts) expect(await shown(host)).toEqual([expected(host, -1)]);
      const last = Math.max(...frames);
      const seen = new Set<string>();
      for (let frame = 0; frame <= last; frame++) {
        await page.keyboard.press('ArrowRight');
        await expect(figure.locator(`tr.is-current[data-frame="${frame}"]`).first()).toBeAttached();
        for (const host of hosts) {
          const want = expected(host, frame);
          seen.add(`${host} ${want}`);
          expect(await shown(host), `${host} after frame ${frame}`).toEqual([want]);
        }
      }
      expect(seen.size, 'the marks moved through several states').toBeGreaterThan(4);
    });
  }
}
