/** Finding the way: the list of lessons, previous/next within the course, hero buttons under the base path. */
import { describe, expect, it } from 'vitest';
import { contentPathToId } from '../../../src/integrations/content-layout.ts';
import { coursePagination, heroLinksWithBase, isCoursePage } from '../../../src/integrations/route-middleware.ts';
import { lessonsIn } from '../../../src/components/lessons.ts';

const link = (href: string) => ({ href, label: href });

describe('the instructor pages', () => {
  it('serve content/instructor-grade/<locale>.mdx as /<locale>/instructor/grade/', () => {
    expect(contentPathToId('instructor-grade/en.mdx')).toBe('en/instructor/grade');
    expect(contentPathToId('instructor-grade/zh-cn.mdx')).toBe('zh-cn/instructor/grade');
    expect(() => contentPathToId('instructor-grade/fr.mdx')).toThrow(/expected content\//);
  });
});

describe('the list of lessons', () => {
  it('lives at content/lessons-index/<locale>.mdx, served as /<locale>/lessons/', () => {
    expect(contentPathToId('lessons-index/en.mdx')).toBe('en/lessons');
    expect(contentPathToId('lessons-index/zh-cn.mdx')).toBe('zh-cn/lessons');
    expect(() => contentPathToId('lessons-index/fr.mdx')).toThrow(/expected content\//);
    expect(() => contentPathToId('lessons/en/index.mdx')).toThrow(/expected content\//);
  });

  it('takes the locale’s lessons in number order, leaving other pages out', () => {
    const entries = [
      { id: 'en/lessons/10-beyond', data: { title: 'Beyond', description: 'More' } },
      { id: 'en/lessons', data: { title: 'Lessons' } },
      { id: 'en/lessons/02-closed', data: { title: 'Closed' } },
      { id: 'zh-cn/lessons/00-close', data: { title: '关闭' } },
      { id: 'en/about', data: { title: 'About' } },
    ];
    expect(lessonsIn(entries, 'en', '/course/')).toEqual([
      { slug: '02-closed', number: 2, title: 'Closed', description: '', href: '/course/en/lessons/02-closed/' },
      { slug: '10-beyond', number: 10, title: 'Beyond', description: 'More', href: '/course/en/lessons/10-beyond/' },
    ]);
  });
});

describe('previous and next', () => {
  it('count the list of lessons and the lessons as the course, under any base path', () => {
    expect(isCoursePage('/en/lessons/', '/')).toBe(true);
    expect(isCoursePage('/course/zh-cn/lessons/03-no-listener/', '/course/')).toBe(true);
    expect(isCoursePage('/en/about/', '/')).toBe(false);
    expect(isCoursePage('/en/', '/')).toBe(false);
    expect(isCoursePage('/en/playground/', '/')).toBe(false);
  });

  it('lead from lesson 0 back to the list of lessons, not to About', () => {
    const about = link('/en/about/');
    const list = link('/en/lessons/');
    const one = link('/en/lessons/01-what-rst-does/');
    expect(coursePagination('/en/lessons/00-normal-close/', { prev: list, next: one }, '/')).toEqual({
      prev: list,
      next: one,
    });
    expect(coursePagination('/en/lessons/', { prev: about, next: link('/en/lessons/00-normal-close/') }, '/')).toEqual({
      prev: undefined,
      next: link('/en/lessons/00-normal-close/'),
    });
  });

  it('stop after lesson 11, and leave pages outside the course without them', () => {
    const ten = link('/en/lessons/10-beyond-the-article/');
    expect(coursePagination('/en/lessons/11-cheat-sheet/', { prev: ten, next: link('/en/playground/') }, '/')).toEqual({
      prev: ten,
      next: undefined,
    });
    expect(coursePagination('/en/', { prev: undefined, next: link('/en/playground/') }, '/')).toEqual({
      prev: undefined,
      next: undefined,
    });
  });
});

describe('hero buttons', () => {
  it('get the base path, like every other root-relative link', () => {
    const actions = [{ link: '/en/lessons/00-normal-close/' }, { link: 'https://example.org/' }];
    heroLinksWithBase(actions, '/course/');
    expect(actions.map((a) => a.link)).toEqual(['/course/en/lessons/00-normal-close/', 'https://example.org/']);
    heroLinksWithBase(undefined, '/course/');
  });
});
