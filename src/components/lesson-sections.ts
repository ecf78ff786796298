/**
 * Where a lesson shows a rule at work, so feedback can link to that section rather than to the
 * top of the page. A lesson's MDX is cut at its headings; each section lists the scenarios it
 * draws (<Scenario>, <Compare>), and a section shows a reason when one of those traces carries
 * a segment sent for it. Heading ids are made as the Markdown processor makes them: GitHub's
 * slugger over the heading's text, one slugger per page, so a repeated heading gets `-1`.
 */
import GithubSlugger from 'github-slugger';
import { CATALOGUE, type ProfileName, type Trace } from '../model/index.ts';
import type { Lang } from '../i18n/index.ts';
import type { SectionLookup } from '../exercises/view.ts';
import { scenariosDrawnIn } from './cheat-sheet.ts';
import { traceOf } from './scenarios.ts';

export interface LessonSection {
  /** The heading's id in the page. */
  id: string;
  title: string;
  drawn: { id: string; profile: ProfileName | undefined }[];
}

/** Markdown inline syntax that does not reach the heading's text. */
const plain = (text: string): string =>
  text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .trim();

/** The lesson's headed sections in order (what comes before the first heading has no id and is left out). */
export function lessonSections(mdx: string): LessonSection[] {
  const slugger = new GithubSlugger();
  const sections: LessonSection[] = [];
  const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
  let fenced = false;
  let text: string[] = [];
  const close = () => {
    const last = sections.at(-1);
    if (last) last.drawn = scenariosDrawnIn(text.join('\n'));
    text = [];
  };
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1] === undefined) {
      text.push(line);
      continue;
    }
    close();
    const title = plain(heading[1]);
    sections.push({ id: slugger.slug(title), title, drawn: [] });
  }
  close();
  return sections;
}

/** The first section that draws a trace `shows`, or null. */
export function sectionShowing(
  sections: readonly LessonSection[],
  run: (id: string, profile: ProfileName | undefined) => Trace,
  shows: (trace: Trace, id: string) => boolean,
): LessonSection | null {
  return sections.find((s) => s.drawn.some(({ id, profile }) => shows(run(id, profile), id))) ?? null;
}

const lessonFiles = import.meta.glob<string>('/content/lessons/*/*.mdx', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const parsed = new Map<string, LessonSection[]>();

function sectionsOf(lesson: string, lang: Lang): LessonSection[] {
  const file = `/content/lessons/${lang === 'zh-CN' ? 'zh-cn' : 'en'}/${lesson}.mdx`;
  let sections = parsed.get(file);
  if (sections === undefined) {
    const mdx = lessonFiles[file];
    sections = typeof mdx === 'string' ? lessonSections(mdx) : [];
    parsed.set(file, sections);
  }
  return sections;
}

/**
 * The course's lookup: the first section whose drawing carries a reset's or a FIN's reason, else
 * the section drawing the exercise's scenario. Ordinary traffic (a handshake, data, an ACK) is in
 * nearly every drawing, so for it the exercise's scenario decides first.
 */
export const courseSections: SectionLookup = (lesson, lang, { reason, scenario }) => {
  const sections = sectionsOf(lesson, lang);
  const byReason = () =>
    reason === null
      ? null
      : sectionShowing(sections, traceOf, (trace) => trace.segments.some((seg) => seg.reason === reason));
  const byScenario = () =>
    scenario === null ? null : sectionShowing(sections, traceOf, (_, drawn) => drawn === scenario);
  const ordinary = reason !== null && CATALOGUE[reason].kind === 'other';
  const found = ordinary ? (byScenario() ?? byReason()) : (byReason() ?? byScenario());
  return found && { id: found.id, title: found.title };
};
