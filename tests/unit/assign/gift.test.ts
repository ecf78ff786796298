/** GIFT export: escapes read back by a small GIFT reader; the right answers are the model's for the learner's variant. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assignmentGift, giftEscape, giftText } from '../../../src/assign/gift.ts';
import { pickVariant } from '../../../src/assign/hash.ts';
import { variantOf } from '../../../src/assign/variants.ts';
import { solveExercise, type SolvedChoiceQuestion } from '../../../src/exercises/solve.ts';
import { choiceLabel } from '../../../src/exercises/view.ts';
import { runCli, STACK_LINE } from '../cli/run-cli.ts';
import { assignmentNamed, course } from './submissions.ts';

const GIFT = fileURLToPath(new URL('../../../src/cli/gift.ts', import.meta.url));

interface Read {
  name: string;
  text: string;
  answers: { correct: boolean; label: string; feedback: string | null }[];
}

/** A reader for the GIFT subset we write: `::name::[plain]text { =right#feedback ~wrong }`, `\` escapes. */
function readGift(gift: string): Read[] {
  const out: Read[] = [];
  const blocks = gift.split(/\n\s*\n/).map((b) =>
    b
      .split('\n')
      .filter((l) => !l.startsWith('//') && !l.startsWith('$CATEGORY'))
      .join('\n')
      .trim(),
  );
  for (const block of blocks.filter((b) => b !== '')) {
    // Split on unescaped special characters, keeping them; undo escapes in the pieces.
    const tokens: string[] = [];
    let piece = '';
    for (let i = 0; i < block.length; i++) {
      const c = block[i] ?? '';
      if (c === '\\') {
        const next = block[++i] ?? '';
        piece += next === 'n' ? '\n' : next;
      } else if ('{}~=#'.includes(c) || (c === ':' && block[i + 1] === ':')) {
        tokens.push(piece, c === ':' ? '::' : c);
        if (c === ':') i++;
        piece = '';
      } else piece += c;
    }
    tokens.push(piece);
    const [, open, name, close, text, brace, ...rest] = tokens;
    expect([open, close, brace]).toEqual(['::', '::', '{']);
    const answers: Read['answers'] = [];
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i];
      if (t === '=' || t === '~')
        answers.push({ correct: t === '=', label: (rest[i + 1] ?? '').trim(), feedback: null });
      const last = answers.at(-1);
      if (t === '#' && last) last.feedback = (rest[i + 1] ?? '').trim();
    }
    expect(rest.at(-2)).toBe('}');
    out.push({ name: name ?? '', text: (text ?? '').replace(/^\[plain\]/, '').trim(), answers });
  }
  return out;
}

describe('GIFT export', () => {
  it('escapes ~ = # { } : and the backslash so a reader gets the text back', () => {
    expect(giftEscape('a~b=c#d{e}f:g\\h')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h');
    const hostile = 'SO_LINGER {on, 0}: 50% = "#1" ~ C:\\tmp';
    const gift = giftText(['header'], 'x', [
      {
        name: `q: ${hostile}`,
        text: hostile,
        comment: 'c',
        choices: [
          { label: hostile, correct: true, feedback: hostile },
          { label: 'plain', correct: false, feedback: null },
        ],
      },
    ]);
    expect(readGift(gift)).toEqual([
      {
        name: `q: ${hostile}`,
        text: hostile,
        answers: [
          { correct: true, label: hostile, feedback: hostile },
          { correct: false, label: 'plain', feedback: null },
        ],
      },
    ]);
  });

  it('marks the model’s answer for the learner’s own variant, one right choice per question', async () => {
    const exam = await assignmentNamed('fin-or-rst-exam');
    for (const lang of ['en', 'zh-CN'] as const) {
      const read = readGift(assignmentGift(exam.key, course.exercises, { learner: 'ada' }, lang));
      const expected = exam.assignment.exercises.flatMap((id) => {
        const base = course.exercises.get(id);
        if (base === undefined) throw new Error(id);
        const v = variantOf(base, pickVariant(exam.assignment.id, 'ada', id, exam.assignment.pool));
        return solveExercise(v)
          .questions.filter((s): s is SolvedChoiceQuestion => !('check' in s))
          .map((s) => ({
            name: `${id}/${s.question.id}`,
            prompt: s.question.prompt[lang],
            right: choiceLabel(s.question.ask, s.answer ?? '', lang),
          }));
      });
      expect(read.map((q) => q.name)).toEqual(expected.map((q) => q.name));
      read.forEach((q, i) => {
        expect(q.answers.filter((a) => a.correct).map((a) => a.label)).toEqual([expected[i]?.right]);
        expect(q.text).toContain(expected[i]?.prompt);
        expect(q.answers.length).toBeGreaterThan(1);
      });
    }
  });

  it('gives pool entry N of every exercise for --seed N', async () => {
    const exam = await assignmentNamed('fin-or-rst-exam');
    const gift = assignmentGift(exam.key, course.exercises, { seed: 3 }, 'en');
    const variants = [...gift.matchAll(/variant (\d+)/g)].map((m) => m[1]);
    expect(variants.length).toBe(readGift(gift).length);
    expect(new Set(variants)).toEqual(new Set(['3']));
  });
});

describe('npm run gift', () => {
  it('writes the file given with --out', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'gift-')), 'exam.gift');
    const r = await runCli(
      ['--assignment', 'rst-basics-practice', '--seed', '0', '--lang', 'zh-CN', '--out', out],
      [],
      GIFT,
    );
    expect(r.status).toBe(0);
    expect(readGift(await readFile(out, 'utf8')).length).toBeGreaterThan(0);
  });

  it('says what is wrong with an unknown assignment, a bad seed or a missing pick, exit 2, no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['--assignment', 'no-such', '--learner', 'ada'], /no assignment 'no-such'/],
      [['--assignment', 'fin-or-rst-exam', '--seed', '16'], /--seed must be a whole number from 0 to 15/],
      [['--assignment', 'fin-or-rst-exam'], /either --learner NAME or --seed N/],
      [['--assignment', 'fin-or-rst-exam', '--learner', ' '], /--learner must be a learner id/],
      [['--assignment', 'fin-or-rst-exam', '--seed', '1', '--lang', 'fr'], /--lang must be en or zh-CN/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, [], GIFT)));
    results.forEach((r, i) => {
      const [args, message] = cases[i] ?? [[], /^$/];
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_LINE);
    });
  });
});
