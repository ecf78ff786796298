/**
 * Both languages are first-class for exercises too: every title, prompt, choice label, hint,
 * outcome and diagnosis exists in en and zh-CN, and Chinese prose uses full-width punctuation.
 */
import { describe, expect, it } from 'vitest';
import { REASONS } from '../../../src/model/index.ts';
import { DICTIONARIES } from '../../../src/i18n/index.ts';
import { APP_RESULTS, NOTHING, SEGMENT_CLASSES } from '../../../src/exercises/kinds.ts';
import { exerciseView } from '../../../src/exercises/view.ts';
import { exercises } from './course.ts';

/** ASCII punctuation that ends or joins Chinese sentences; code such as close() or {on, 0} is allowed. */
const HALF_WIDTH = /[\u4e00-\u9fff][,.?!:;]|[,.?!:;](\s|$)(?=[\u4e00-\u9fff])|[?!]$/u;

describe('exercise text in both languages', () => {
  it('gives every exercise a title and every question a prompt in en and zh-CN', () => {
    for (const e of exercises) {
      expect(e.title.en.trim(), e.file).not.toBe('');
      expect(e.title['zh-CN'].trim(), e.file).not.toBe('');
      for (const q of e.questions) {
        expect(q.prompt.en.trim(), `${e.file} ${q.id}`).not.toBe('');
        expect(q.prompt['zh-CN'], `${e.file} ${q.id}`).toMatch(/[\u4e00-\u9fff]/u);
      }
    }
  });

  it('writes Chinese prompts and titles with full-width punctuation', () => {
    for (const e of exercises) {
      for (const text of [e.title['zh-CN'], ...e.questions.map((q) => q.prompt['zh-CN'])]) {
        expect(HALF_WIDTH.test(text), `${e.file}: ${text}`).toBe(false);
      }
    }
  });

  it('has a label for every answer word and reason in both dictionaries', () => {
    const keys = [
      ...[...SEGMENT_CLASSES, NOTHING].map((c) => `exercise.choice.${c}`),
      ...APP_RESULTS.map((r) => `exercise.result.${r}`),
      ...REASONS.map((r) => `reason-label.${r}`),
    ];
    for (const lang of ['en', 'zh-CN'] as const) {
      const dict = DICTIONARIES[lang] as Record<string, string | undefined>;
      for (const key of keys) expect(dict[key]?.trim(), `${lang} ${key}`).toBeTruthy();
    }
  });

  it('renders every question in both languages with nothing left unfilled', () => {
    for (const e of exercises) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const view = exerciseView(e, lang);
        expect(view.title).toBe(e.title[lang]);
        for (const q of view.questions) {
          const texts = [q.prompt];
          if (q.kind !== 'goal') {
            texts.push(
              q.outcome,
              ...q.hints,
              ...q.choices.flatMap((c) => [c.label, ...c.diagnosis.map((d) => d.text)]),
            );
            if (q.rule !== null) texts.push(q.rule.sentence, q.rule.label);
          }
          for (const text of texts) {
            expect(text.trim(), `${e.file} ${q.id} ${lang}`).not.toBe('');
            expect(text, `${e.file} ${q.id} ${lang}`).not.toMatch(/\{\w+\}|undefined/);
          }
        }
      }
    }
  });

  it('keeps the same question keys and choice values in both languages', () => {
    for (const e of exercises) {
      const shape = (lang: 'en' | 'zh-CN') =>
        exerciseView(e, lang).questions.map((q) => [q.key, q.kind === 'goal' ? [] : q.choices.map((c) => c.value)]);
      expect(shape('zh-CN')).toEqual(shape('en'));
    }
  });
});
