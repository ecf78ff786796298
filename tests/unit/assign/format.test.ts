import { describe, expect, it } from 'vitest';
import { parseAssignment } from '../../../src/assign/parse.ts';
import { readAssignmentFiles } from '../../../src/assign/load.ts';
import { course, ROOT } from '../exercises/course.ts';

const parse = (text: string) => parseAssignment(text, 'exercises/assignments/x.yaml', course.exercises);

describe('assignment files', () => {
  it('ships a practice and an exam assignment that parse', async () => {
    const files = await readAssignmentFiles(ROOT);
    const modes = Object.entries(files).map(([file, text]) => {
      const r = parseAssignment(text, file, course.exercises);
      expect(r.ok, file).toBe(true);
      return r.ok ? r.assignment.mode : null;
    });
    expect(modes).toContain('practice');
    expect(modes).toContain('exam');
  });

  it('names the line of an unknown mode and suggests the right word', () => {
    const r = parse('id: a\ntitle: { en: A, zh-CN: 甲 }\nmode: exams\nexercises: [four-way-close]\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]?.line).toBe(3);
      expect(r.errors[0]?.message).toContain("did you mean 'exam'");
    }
  });

  it('names the line of an exercise that does not exist', () => {
    const r = parse(
      'id: a\ntitle: { en: A, zh-CN: 甲 }\nmode: exam\nexercises:\n  - four-way-close\n  - no-such-thing\n',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.line)).toEqual([6]);
      expect(r.errors[0]?.message).toContain("no exercise 'no-such-thing'");
    }
  });

  it('wants a due date with a time zone', () => {
    const r = parse(
      'id: a\ntitle: { en: A, zh-CN: 甲 }\nmode: exam\ndue: 2026-12-20T23:59:00\nexercises: [four-way-close]\n',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.line).toBe(4);
  });

  it('reads variants: true as a pool of 16 and off as 1', () => {
    const on = parse('id: a\ntitle: { en: A, zh-CN: 甲 }\nmode: exam\nvariants: true\nexercises: [four-way-close]\n');
    const off = parse('id: a\ntitle: { en: A, zh-CN: 甲 }\nmode: exam\nexercises: [four-way-close]\n');
    expect(on.ok && on.assignment.pool).toBe(16);
    expect(off.ok && off.assignment.pool).toBe(1);
  });
});
