/**
 * One file per lesson and language: the trace up to each exercise's first question
 * (exercise-data.ts, firstStages), fetched by the widget once the page has loaded.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Lang } from '../../i18n/index.ts';
import { allExercises, lessonExercises } from '../../components/exercises.ts';
import { firstStages } from '../../components/exercise-data.ts';

const LOCALES: readonly [string, Lang][] = [
  ['en', 'en'],
  ['zh-cn', 'zh-CN'],
];

export const getStaticPaths: GetStaticPaths = () => {
  const lessons = [...new Set([...allExercises().exercises.values()].map((e) => e.lesson))];
  return lessons.flatMap((lesson) =>
    LOCALES.map(([locale, lang]) => ({ params: { file: `${lesson}.${locale}` }, props: { lesson, lang } })),
  );
};

export const GET: APIRoute = ({ props }) => {
  const { lesson, lang } = props as { lesson: string; lang: Lang };
  return new Response(JSON.stringify(firstStages(lessonExercises(lesson), lang)), {
    headers: { 'Content-Type': 'application/json' },
  });
};
