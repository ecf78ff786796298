import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { normalizeBase } from '../../src/integrations/base-links.ts';
import { locales, type Locale } from '../../src/integrations/content-layout.ts';

/** The base path the site in dist/ was built for (same variable as astro.config.mjs). */
export const base = normalizeBase(process.env['BASE_PATH']);

const distDir = join(import.meta.dirname, '..', '..', 'dist');

export interface SitePage {
  locale: Locale;
  /** The `<html lang>` the page must declare. */
  lang: string;
  /** Path under the preview server, with the base: `/course/en/lessons/01-rst/`. */
  path: string;
}

/** Every page of every locale, found in the build output, so new lessons are covered unasked. */
export function builtPages(): SitePage[] {
  return (Object.keys(locales) as Locale[]).flatMap((locale) =>
    indexFiles(join(distDir, locale)).map((file) => {
      const dir = relative(distDir, file).split(sep).slice(0, -1).join('/');
      return { locale, lang: locales[locale].lang, path: `${base}${dir}/` };
    }),
  );
}

function indexFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new Error(`${dir} is missing: build the site (npm run build) before the e2e tests`);
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return indexFiles(path);
    return name === 'index.html' ? [path] : [];
  });
}

export interface PageProblems {
  consoleErrors: string[];
  otherOrigins: string[];
  failedRequests: string[];
}

/**
 * Record, from now on, console errors, uncaught exceptions, requests to any origin but the
 * preview server's, and same-origin requests that failed or were answered with an error status.
 */
export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = { consoleErrors: [], otherOrigins: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    const isNetwork = /^(https?|wss?):$/.test(url.protocol);
    if (isNetwork && url.origin !== origin) problems.otherOrigins.push(request.url());
  });
  const sameOrigin = (url: string) => new URL(url).origin === origin;
  page.on('requestfailed', (request) => {
    if (sameOrigin(request.url())) {
      problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
    }
  });
  page.on('response', (response) => {
    if (sameOrigin(response.url()) && response.status() >= 400) {
      problems.failedRequests.push(`${response.url()}: ${response.status()}`);
    }
  });
  return problems;
}

/**
 * axe-core with the WCAG 2.0/2.1 A and AA rules and axe's best practices, or only the colour
 * rules (enough to re-check a page in its other colour scheme); violations as readable lines.
 */
export async function axeViolations(page: Page, only: 'all' | 'colour' = 'all'): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  if (only === 'colour') axe.withRules(['color-contrast', 'link-in-text-block']);
  else axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  const results = await axe.analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
        `  at ${node.target.join(' ')}\n  ${node.failureSummary?.replace(/\n/g, '\n  ') ?? ''}`,
    ),
  );
}
