/** A refused file's reason exists in both languages, with every detail it carries in each. */
import { describe, expect, test } from 'vitest';
import { rejectionText, type Rejection } from '../../../src/assign/rejection.ts';
import { readSubmissionJson, readSubmissionText } from '../../../src/assign/submission.ts';

const EVERY: Rejection[] = [
  { id: 'unreadable' },
  { id: 'too-large' },
  { id: 'too-deep', depth: 8 },
  { id: 'hostile-key', key: '__proto__' },
  { id: 'not-json' },
  { id: 'not-submission', path: 'answers.0', detail: 'Required' },
  { id: 'code-alphabet' },
  { id: 'code-too-large' },
  { id: 'code-damaged' },
  { id: 'other-assignment', found: 'quiz-a', expected: 'quiz-b' },
  { id: 'other-version', found: 'aaaa1111', expected: 'bbbb2222' },
];

describe('rejection reasons', () => {
  test.each(EVERY)('$id reads differently in English and Chinese, each with its details', (why) => {
    const en = rejectionText(why, 'en');
    const zh = rejectionText(why, 'zh-CN');
    expect(en).not.toEqual(zh);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    for (const value of Object.entries(why)
      .filter(([k]) => k !== 'id')
      .map(([, v]) => String(v))) {
      expect(en).toContain(value);
      expect(zh).toContain(value);
    }
  });

  test('English is the default, the language of the CLI and the report', () => {
    expect(rejectionText({ id: 'not-json' })).toBe(rejectionText({ id: 'not-json' }, 'en'));
  });

  test('the readers say why as data', async () => {
    expect(readSubmissionJson('{"a": ')).toEqual({ ok: false, why: { id: 'not-json' } });
    expect(readSubmissionJson('{"__proto__": {}}')).toEqual({
      ok: false,
      why: { id: 'hostile-key', key: '__proto__' },
    });
    expect(readSubmissionJson('[[[[[[[[[[]]]]]]]]]]')).toEqual({ ok: false, why: { id: 'too-deep', depth: 8 } });
    expect(await readSubmissionText('TRL1.%%%')).toEqual([{ ok: false, why: { id: 'code-alphabet' } }]);
  });
});
