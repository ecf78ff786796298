/**
 * Every lesson's sequence diagrams are legible at a phone's width and a laptop's: the page
 * never scrolls sideways, every lifeline is in view, diagram text renders at least 11 CSS px
 * (390 px wide) or 12 px (1280 px wide), and no two labels overlap. Lessons are found in the
 * build output, so a new lesson is covered unasked.
 */
import { expect, test } from '@playwright/test';
import { builtPages } from './support.ts';

const lessons = builtPages().filter((page) => /\/lessons\/[^/]+\/$/.test(page.path));
const runs = [
  { locale: 'en', width: 1280, min: 12 },
  { locale: 'en', width: 390, min: 11 },
  { locale: 'zh-cn', width: 390, min: 11 },
  { locale: 'zh-cn', width: 1280, min: 12 },
] as const;

interface Measure {
  scrollWidth: number;
  innerWidth: number;
  diagrams: number;
  smallest: number;
  smallestText: string;
  hiddenLifelines: string[];
  overlaps: string[];
}

test('there are lessons to check in both locales', () => {
  expect(lessons.filter((p) => p.locale === 'en').length).toBeGreaterThan(5);
  expect(lessons.filter((p) => p.locale === 'zh-cn').length).toBe(lessons.filter((p) => p.locale === 'en').length);
});

for (const run of runs) {
  for (const lesson of lessons.filter((p) => p.locale === run.locale)) {
    test(`${lesson.path} at ${run.width} px: legible diagrams, no sideways scroll`, async ({ page }) => {
      await page.setViewportSize({ width: run.width, height: 900 });
      await page.goto(lesson.path);
      const m: Measure = await page.evaluate(() => {
        const result: Measure = {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          diagrams: 0,
          smallest: Infinity,
          smallestText: '',
          hiddenLifelines: [],
          overlaps: [],
        };
        for (const svg of document.querySelectorAll<SVGSVGElement>('svg.sequence')) {
          result.diagrams++;
          const scale = svg.getScreenCTM()?.a ?? 1;
          const frame = svg.closest('.scenario-diagram')?.getBoundingClientRect() ?? svg.getBoundingClientRect();
          for (const line of svg.querySelectorAll('.lifeline')) {
            const box = line.getBoundingClientRect();
            const inside =
              box.left >= Math.max(0, frame.left) - 1 && box.right <= Math.min(innerWidth, frame.right) + 1;
            if (!inside) result.hiddenLifelines.push(line.parentElement?.textContent ?? '?');
          }
          const texts = [...svg.querySelectorAll<SVGTextElement>('text')].filter((t) => t.textContent.trim());
          const boxes = texts.map((t) => t.getBoundingClientRect());
          texts.forEach((t, i) => {
            const size = parseFloat(getComputedStyle(t).fontSize) * scale;
            if (size < result.smallest) {
              result.smallest = size;
              result.smallestText = t.textContent;
            }
            const a = boxes[i];
            if (!a) return;
            for (let j = i + 1; j < boxes.length; j++) {
              const b = boxes[j];
              if (!b) continue;
              const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (x > 0.5 && y > 0.5) result.overlaps.push(`${t.textContent} / ${texts[j]?.textContent}`);
            }
          });
        }
        return result;
      });
      test.info().annotations.push({
        type: 'smallest diagram text',
        description: `${m.smallest.toFixed(2)} px (${m.smallestText}) in ${m.diagrams} diagrams`,
      });
      expect(m.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(m.innerWidth);
      if (m.diagrams === 0) return;
      expect(m.hiddenLifelines, 'lifelines out of view').toEqual([]);
      expect(m.smallest, `smallest text: “${m.smallestText}”`).toBeGreaterThanOrEqual(run.min);
      expect(m.overlaps, 'labels that overlap').toEqual([]);
    });
  }
}
