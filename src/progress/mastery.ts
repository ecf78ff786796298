/**
 * Mastery per lesson from the progress records, and the chart that shows it: one pair of
 * bars per lesson (mastered, tried), each with its number written beside it, so the chart
 * reads without colour. Pure: the same function draws the chart at build time (all zero)
 * and in the browser.
 */
import type { QuestionRecord } from './store.ts';

export interface LessonKeys {
  lesson: string;
  title: string;
  /** The progress keys of the lesson's questions. */
  keys: readonly string[];
}

export interface MasteryRow {
  lesson: string;
  title: string;
  questions: number;
  tried: number;
  /** Answered right at the last try, without a hint (Leitner box 2 or higher). */
  mastered: number;
  firstTry: number;
  hints: number;
}

export function mastery(
  lessons: readonly LessonKeys[],
  records: Readonly<Record<string, QuestionRecord>>,
): MasteryRow[] {
  return lessons.map(({ lesson, title, keys }) => {
    const rs = keys.map((k) => records[k]).filter((r): r is QuestionRecord => r !== undefined);
    return {
      lesson,
      title,
      questions: keys.length,
      tried: rs.filter((r) => r.attempts > 0 || r.hints > 0).length,
      mastered: rs.filter((r) => r.solved && r.box >= 2).length,
      firstTry: rs.filter((r) => r.firstTry).length,
      hints: rs.reduce((n, r) => n + r.hints, 0),
    };
  });
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ChartWords {
  title: string;
  description: string;
  mastered: string;
  tried: string;
}

/** A horizontal bar chart, one row per lesson: mastered (solid) above tried (outlined). */
export function masterySvg(rows: readonly MasteryRow[], words: ChartWords): string {
  const label = 150;
  const bar = 300;
  const rowH = 34;
  const width = label + bar + 90;
  const height = rows.length * rowH + 10;
  const parts = rows.map((r, i) => {
    const y = 5 + i * rowH;
    const share = (n: number) => (r.questions === 0 ? 0 : (n / r.questions) * bar);
    return (
      `<g class="mc-row" data-lesson="${esc(r.lesson)}">` +
      `<text x="0" y="${y + 18}" class="mc-label">${esc(r.lesson.slice(0, 2))} ${esc(r.title.slice(0, 14))}</text>` +
      `<rect x="${label}" y="${y + 2}" width="${bar}" height="12" class="mc-track" />` +
      `<rect x="${label}" y="${y + 2}" width="${share(r.mastered).toFixed(1)}" height="12" class="mc-mastered" />` +
      `<text x="${label + bar + 6}" y="${y + 13}" class="mc-num">${r.mastered}/${r.questions} ${esc(words.mastered)}</text>` +
      `<rect x="${label}" y="${y + 17}" width="${share(r.tried).toFixed(1)}" height="8" class="mc-tried" />` +
      `<text x="${label + bar + 6}" y="${y + 26}" class="mc-num">${r.tried}/${r.questions} ${esc(words.tried)}</text>` +
      `</g>`
    );
  });
  return (
    `<svg class="mastery-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="mc-title mc-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="mc-title">${esc(words.title)}</title><desc id="mc-desc">${esc(words.description)}</desc>` +
    parts.join('') +
    `</svg>`
  );
}
