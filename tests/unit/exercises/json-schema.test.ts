/** public/schema/exercise.json: fresh, and it accepts every shipped exercise and rejects a planted mistake. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exerciseJsonSchema, exerciseJsonSchemaText } from '../../../src/exercises/json-schema.ts';
import { exercises, ROOT } from './course.ts';

describe('public/schema/exercise.json', () => {
  it('is what the Zod schema generates now (run `npm run schema` when this fails)', () => {
    expect(readFileSync(join(ROOT, 'public/schema/exercise.json'), 'utf8')).toBe(exerciseJsonSchemaText());
  });

  it('describes each kind of question and what it asks at `at`', () => {
    const text = exerciseJsonSchemaText();
    for (const phrase of [
      'The first segment `host` sends after step `at`',
      'once step `until`',
      'What the first call',
      'The rule behind the first RST',
      'A challenge',
    ]) {
      expect(text).toContain(phrase);
    }
  });

  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(exerciseJsonSchema());

  it('accepts every shipped exercise file', () => {
    for (const e of exercises) {
      const ok = validate(parse(readFileSync(join(ROOT, e.file), 'utf8')));
      expect(ok, `${e.file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects an unknown kind of question and an answer written as a key', () => {
    const base = { id: 'x', lesson: '00-normal-close', title: { en: 'X', 'zh-CN': '某' }, scenario: 'normal-close' };
    const prompt = { en: 'Q?', 'zh-CN': '问？' };
    expect(validate({ ...base, questions: [{ at: 1, ask: 'guess', host: 'client', prompt }] })).toBe(false);
    expect(validate({ ...base, questions: [{ at: 1, ask: 'state', host: 'client', prompt, answer: 'CLOSED' }] })).toBe(
      false,
    );
    expect(validate({ ...base, questions: [{ at: 1, ask: 'state', host: 'client', prompt }] })).toBe(true);
  });
});
