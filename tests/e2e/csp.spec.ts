/**
 * The Content-Security-Policy: every page carries one, nothing on any page breaks it, and the
 * features that need more than plain scripts (Pagefind's WebAssembly search, the playground's
 * Web Worker) still work under it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { base, builtPages, watchPage } from './support.ts';

const distDir = join(import.meta.dirname, '..', '..', 'dist');
const pages = builtPages();

/** The policy of a built page, as directive → sources. */
function policyOf(html: string): Map<string, string[]> | undefined {
  const match = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html);
  if (!match) return undefined;
  const directives = (match[1] ?? '')
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0]);
  return new Map(directives.map(([name, ...sources]) => [name ?? '', sources]));
}

/** Record CSP violations from the first script on, before any of the page's own. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test.describe('the policy in every built page', () => {
  const files = [
    ...pages.map((p) => join(distDir, p.path.slice(base.length), 'index.html')),
    join(distDir, 'index.html'),
    join(distDir, '404.html'),
  ];

  test('each page has one policy: only its own origin, no inline scripts without a hash', () => {
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      expect(html.match(/http-equiv="content-security-policy"/g), file).toHaveLength(1);
      const policy = policyOf(html);
      expect(policy?.get('default-src'), file).toEqual(["'self'"]);
      expect(policy?.get('object-src'), file).toEqual(["'none'"]);
      const scripts = policy?.get('script-src') ?? [];
      expect(scripts, file).toContain("'self'");
      expect(scripts, file).not.toContain("'unsafe-inline'");
      expect(scripts, file).not.toContain("'unsafe-eval'");
      // No source anywhere names another origin.
      for (const [name, sources] of policy ?? []) {
        for (const source of sources) expect(source, `${file}: ${name}`).not.toMatch(/^(https?:|\*)/);
      }
    }
  });
});

test.describe('nothing on a page breaks the policy', () => {
  for (const { path } of pages) {
    test(path, async ({ page, baseURL }) => {
      const violations = await watchViolations(page);
      const problems = watchPage(page, new URL(baseURL ?? '').origin);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await violations()).toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
    });
  }
});

test('search (Pagefind, WebAssembly) works under the policy, in both languages', async ({ page }) => {
  const violations = await watchViolations(page);
  for (const [path, label, word] of [
    [`${base}en/`, 'Search', 'socket'],
    [`${base}zh-cn/`, '搜索', '套接字'],
  ] as const) {
    await page.goto(path);
    await page.getByRole('button', { name: label }).click();
    const dialog = page.getByRole('dialog', { name: label });
    await dialog.getByRole('textbox', { name: label }).fill(word);
    // Pagefind loads its index and WebAssembly first: seconds on a busy machine.
    await expect(dialog.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 20_000 });
    expect(await violations()).toEqual([]);
  }
});

test('the playground runs the model in its Web Worker under the policy', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto(`${base}en/playground/`);
  await expect(page.getByText(/No mistakes: the model ran the scenario/)).toBeVisible();
  expect(await violations()).toEqual([]);
});
