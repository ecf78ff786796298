/**
 * <Compare belief>: a misconception run by the model beside what TCP does, in both locales.
 */
import { expect, test } from '@playwright/test';
import { axeViolations, base, watchPage } from './support.ts';

const CASES = [
  { locale: 'en', expect: 'What you might expect', tcp: 'What TCP does', belief: 'Belief: A crashed host sends RST' },
  { locale: 'zh-cn', expect: '你可能以为的', tcp: 'TCP 实际的做法', belief: '误解：崩溃的主机会发送 RST' },
] as const;

for (const words of CASES) {
  test(`${words.locale}: a belief beside TCP, differing segments marked, axe clean`, async ({ page, baseURL }) => {
    const problems = watchPage(page, new URL(baseURL ?? 'http://localhost').origin);
    await page.goto(`${base}${words.locale}/lessons/08-crash-reboot/`);
    const box = page.locator('scenario-compare').filter({ hasText: words.belief });
    await expect(box).toHaveCount(1);
    const players = box.locator('scenario-player');
    await expect(players).toHaveCount(2);
    const figures = box.locator('figure.scenario');
    await expect(figures.nth(0)).toContainText(words.expect);
    await expect(figures.nth(1)).toContainText(words.tcp);
    // behaviour.md: a crashed host sends nothing. The belief's RST at the crash is only on its
    // side; the client's data and the rebooted host's RST are only on TCP's side.
    await expect(players.nth(0).locator('svg .seg-marked').filter({ hasText: 'RST' }).first()).toBeAttached();
    await expect(players.nth(1).locator('svg .seg-marked').filter({ hasText: 'RST' }).first()).toBeAttached();
    await expect(players.nth(1).locator('svg .seg-marked .seg-label').first()).toContainText('◆');
    // A belief's run is no capture: only TCP's side offers a pcap.
    await expect(figures.nth(0).locator('.scenario-download')).toHaveCount(0);
    await expect(figures.nth(1).locator('.scenario-download')).toHaveCount(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.otherOrigins).toEqual([]);
  });
}
