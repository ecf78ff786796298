import { describe, expect, it } from 'vitest';
import { pickVariant } from '../../../src/assign/hash.ts';
import { buildKey, poolOf } from '../../../src/assign/key.ts';
import { parseAssignment } from '../../../src/assign/parse.ts';
import { solveExercise } from '../../../src/exercises/solve.ts';
import { course } from '../exercises/course.ts';

const exercise = (id: string) => {
  const e = course.exercises.get(id);
  if (e === undefined) throw new Error(`no exercise ${id}`);
  return e;
};

describe('variants', () => {
  it('keeps entry 0 as written and changes the service port in later entries', () => {
    const pool = poolOf(exercise('crash-reboot-first-data'), 16);
    expect(pool[0]).toBe(exercise('crash-reboot-first-data'));
    const ports = new Set(
      pool.map((e) => e.scenario.steps.find((s) => s.kind === 'host' && s.action.verb === 'listen')?.text),
    );
    expect(ports.size).toBeGreaterThan(4);
  });

  it('gives a well-posed exercise for every entry of every pool in the shipped assignments', () => {
    for (const id of [
      'four-way-close',
      'abort-with-queued-data',
      'killed-with-unread-data',
      'time-wait-listener-gone',
    ]) {
      for (const v of poolOf(exercise(id), 16)) expect(solveExercise(v).problems, id).toEqual([]);
    }
  });

  it('rewrites the port in the prompt together with the scenario', () => {
    const base = exercise('closed-port-refused');
    const listen = (e: typeof base) =>
      e.scenario.steps.flatMap((s) => (s.kind === 'host' && s.action.verb === 'connect' ? [s.action.port] : []))[0];
    const v = poolOf(base, 16).find((e) => listen(e) !== listen(base));
    expect(v).toBeDefined();
    const mentions = base.questions.some((q) => q.prompt.en.includes(String(listen(base))));
    if (v !== undefined && mentions) {
      expect(v.questions.some((q) => q.prompt.en.includes(String(listen(v))))).toBe(true);
    }
  });

  it('picks the same entry for the same learner and spreads learners over the pool', () => {
    expect(pickVariant('a', 'learner-1', 'e', 16)).toBe(pickVariant('a', 'learner-1', 'e', 16));
    const picks = new Set(Array.from({ length: 200 }, (_, i) => pickVariant('a', `s${i}`, 'e', 16)));
    expect(picks.size).toBe(16);
    expect(pickVariant('a', 'x', 'e', 1)).toBe(0);
  });

  it('changes the answer-key version when the assignment changes', () => {
    const text = 'id: a\ntitle: { en: A, zh-CN: 甲 }\nmode: exam\nexercises: [four-way-close]\n';
    const one = parseAssignment(text, 'a.yaml', course.exercises);
    const two = parseAssignment(`${text}pass: 80\n`, 'a.yaml', course.exercises);
    if (!one.ok || !two.ok) throw new Error('does not parse');
    const k1 = buildKey(one.assignment, course.exercises, 'm1');
    expect(buildKey(one.assignment, course.exercises, 'm1').version).toBe(k1.version);
    expect(buildKey(two.assignment, course.exercises, 'm1').version).not.toBe(k1.version);
    expect(buildKey(one.assignment, course.exercises, 'm2').version).not.toBe(k1.version);
  });
});
