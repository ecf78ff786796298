/**
 * The course as the practice, progress and review pages list it: per lesson its title, its
 * practice page and its questions' progress keys. Build time only; no answer is in it.
 */
import { getCollection } from 'astro:content';
import type { Lang } from '../i18n/index.ts';
import { lessonsIn } from './lessons.ts';
import { lessonExercises } from './exercises.ts';

export interface PracticeQuestion {
  key: string;
  /** 1-based, in its exercise. */
  n: number;
}

export interface PracticeExercise {
  id: string;
  title: string;
  questions: PracticeQuestion[];
}

export interface PracticeLesson {
  lesson: string;
  number: number;
  title: string;
  lessonHref: string;
  practiceHref: string;
  exercises: PracticeExercise[];
}

export async function practiceLessons(lang: Lang, base: string): Promise<PracticeLesson[]> {
  const locale = lang === 'zh-CN' ? 'zh-cn' : 'en';
  const lessons = lessonsIn(await getCollection('docs'), locale, base);
  return lessons.map((l) => ({
    lesson: l.slug,
    number: l.number,
    title: l.title,
    lessonHref: l.href,
    practiceHref: `${base}${locale}/practice/${l.slug}/`,
    exercises: lessonExercises(l.slug).map((e) => ({
      id: e.id,
      title: e.title[lang],
      questions: e.questions.map((q, i) => ({ key: `${e.id}/${q.id}`, n: i + 1 })),
    })),
  }));
}

export const questionCount = (lessons: readonly PracticeLesson[]): number =>
  lessons.reduce((n, l) => n + l.exercises.reduce((m, e) => m + e.questions.length, 0), 0);
