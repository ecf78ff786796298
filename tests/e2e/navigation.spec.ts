/**
 * Finding the way through the course: a start button and the lesson list on the home page,
 * a list of lessons in each language, previous/next from lesson 0 to lesson 11 and no
 * further, by keyboard too; search speaks the page's language.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { KERNEL_FUNCTIONS } from '../../src/integrations/citation-links.ts';
import { base, watchPage } from './support.ts';

const lessonSlugs = readdirSync(join(import.meta.dirname, '..', '..', 'content', 'lessons', 'en'))
  .filter((f) => /^\d\d-.*\.mdx$/.test(f))
  .map((f) => f.replace(/\.mdx$/, ''))
  .sort();
const LOCALES = [
  { locale: 'en', start: 'Start with lesson 0', all: 'All lessons', next: 'Next', prev: 'Previous' },
  { locale: 'zh-cn', start: '从第 0 课开始', all: '全部课程', next: '下一页', prev: '上一页' },
] as const;
const pagination = (page: Page, rel: 'prev' | 'next') => page.locator(`.pagination-links a[rel="${rel}"]`);

test('there are twelve lessons to walk through', () => {
  expect(lessonSlugs).toHaveLength(12);
});

for (const { locale, start, all, next, prev } of LOCALES) {
  test.describe(locale, () => {
    test('the home page starts the course and lists every lesson, in order', async ({ page }) => {
      await page.goto(`${base}${locale}/`);
      await expect(page.getByRole('link', { name: start })).toHaveAttribute(
        'href',
        `${base}${locale}/lessons/00-normal-close/`,
      );
      await expect(page.getByRole('link', { name: all, exact: true }).first()).toHaveAttribute(
        'href',
        `${base}${locale}/lessons/`,
      );
      const listed = await page
        .locator('.lesson-list a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(listed).toEqual(lessonSlugs.map((slug) => `${base}${locale}/lessons/${slug}/`));
      await expect(pagination(page, 'next')).toHaveCount(0);
    });

    test('the list of lessons exists and lists every lesson with what it is about', async ({ page, baseURL }) => {
      const problems = watchPage(page, new URL(baseURL ?? '').origin);
      const response = await page.goto(`${base}${locale}/lessons/`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('.lesson-list li')).toHaveCount(lessonSlugs.length);
      for (const item of await page.locator('.lesson-list li p').allTextContents()) expect(item.trim()).not.toBe('');
      expect(problems.failedRequests).toEqual([]);
    });

    test('next runs from the list through lesson 0 to lesson 11 and stops; previous leads back', async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(`${base}${locale}/lessons/`);
      await expect(pagination(page, 'prev')).toHaveCount(0);
      let previous = `${base}${locale}/lessons/`;
      for (const slug of lessonSlugs) {
        const href = `${base}${locale}/lessons/${slug}/`;
        await expect(pagination(page, 'next')).toHaveAttribute('href', href);
        await page.goto(href, { waitUntil: 'domcontentloaded' });
        await expect(pagination(page, 'prev')).toHaveAttribute('href', previous);
        await expect(pagination(page, 'prev')).toContainText(prev);
        previous = href;
      }
      await expect(pagination(page, 'next')).toHaveCount(0);
      await page.goto(`${base}${locale}/lessons/${lessonSlugs[0] ?? ''}/`);
      await expect(pagination(page, 'prev')).toHaveAttribute('href', `${base}${locale}/lessons/`);
      await expect(pagination(page, 'next')).toContainText(next);
    });

    test('pages outside the course have no previous or next', async ({ page }) => {
      for (const path of ['about/', 'playground/']) {
        await page.goto(`${base}${locale}/${path}`);
        await expect(page.locator('.pagination-links a')).toHaveCount(0);
      }
    });
  });
}

test('by keyboard alone: from the home page into lesson 0, then on to lesson 1', async ({ page }) => {
  await page.goto(`${base}en/`);
  const startButton = page.getByRole('link', { name: 'Start with lesson 0' });
  for (let i = 0; i < 40 && !(await startButton.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(startButton).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**${base}en/lessons/00-normal-close/`);
  const nextLink = pagination(page, 'next');
  await nextLink.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**${base}en/lessons/01-what-rst-does/`);
});

test('search reports its results in the page’s language', async ({ page }) => {
  for (const [path, label, word, count] of [
    [`${base}zh-cn/`, '搜索', '套接字', /找到 \d+ 个与 套接字 相关的结果/],
    [`${base}en/`, 'Search', 'socket', /\d+ results? for socket/],
  ] as const) {
    await page.goto(path);
    await page.getByRole('button', { name: label }).click();
    const dialog = page.getByRole('dialog', { name: label });
    await dialog.getByRole('textbox', { name: label }).fill(word);
    await expect(dialog.locator('.pagefind-ui__message')).toHaveText(count, { timeout: 20_000 });
  }
});

test('every RFC section and kernel function a lesson cites links to its source', () => {
  const dist = join(import.meta.dirname, '..', '..', 'dist');
  let links = 0;
  for (const { locale } of LOCALES) {
    for (const slug of lessonSlugs) {
      const html = readFileSync(join(dist, locale, 'lessons', slug, 'index.html'), 'utf8');
      const content = html.slice(html.indexOf('class="sl-markdown-content'), html.lastIndexOf('<footer'));
      links += [
        ...content.matchAll(/href="https:\/\/(www\.rfc-editor\.org\/rfc\/rfc\d+\.html|elixir\.bootlin\.com\/linux\/)/g),
      ].length;
      // What is left once links, and what components draw (figures, scripts), are taken out.
      const prose = content
        .replace(/<a\b[^>]*>[\s\S]*?<\/a>/g, '')
        .replace(/<(figure|script|style|pre|cheat-sheet)\b[\s\S]*?<\/\1>/g, '')
        .replace(/<h[1-6]\b[\s\S]*?<\/h[1-6]>/g, '');
      expect(prose.match(/§\s*\d[\d.]*/g), `${locale}/${slug}: a § citation that is not a link`).toBeNull();
      for (const name of KERNEL_FUNCTIONS)
        expect(prose, `${locale}/${slug}: ${name} is not a link`).not.toContain(`>${name}</code>`);
    }
  }
  expect(links).toBeGreaterThan(100);
});
