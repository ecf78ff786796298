/**
 * Answers, diagnoses, feedback and hints on hand-made cases. Each expected answer comes from
 * behaviour.md (the case or rule named), and each diagnosis from what the misconception of
 * in-the-wild.md Part 2 predicts — not from the code's own output.
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../../../src/exercises/grade.ts';
import { parseExercise } from '../../../src/exercises/parse.ts';
import { solveExercise, type SolvedChoiceQuestion } from '../../../src/exercises/solve.ts';
import type { Exercise } from '../../../src/exercises/types.ts';
import { exerciseView, type ChoiceQuestionView } from '../../../src/exercises/view.ts';
import { course } from './course.ts';

const OPEN = ['server: listen 5000', 'client: connect server:5000', 'server: accept'];

/** An inline exercise with one question; `q` is the question's YAML fields. */
function exercise(steps: string[], q: string): Exercise {
  const text = [
    'id: hand-made',
    'lesson: 10-beyond-the-article',
    'title: { en: Hand-made, zh-CN: 手工 }',
    'hosts: [client, server]',
    'steps:',
    ...steps.map((s) => `  - ${s}`),
    'questions:',
    `  - { ${q}, prompt: { en: "Q?", zh-CN: 问？ } }`,
  ].join('\n');
  const r = parseExercise(text, 'hand-made.yaml', (id) => course.scenarios.get(id));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.exercise;
}
const solve = (e: Exercise) => solveExercise(e).questions[0] as SolvedChoiceQuestion;

describe('answers and the beliefs they diagnose', () => {
  it('close() with unread data: RST, and FIN is the answer of "close() always sends FIN" (R5)', () => {
    const s = solve(exercise([...OPEN, 'client: send 100', 'server: close'], 'at: 4, ask: next-segment, host: server'));
    expect(s.answer).toBe('RST');
    expect(s.evidence?.reason).toBe('close-unread-data');
    expect(s.diagnoses['FIN']).toEqual(['close-always-fins']);
  });

  it('a host crash: nothing on the wire, and RST is "the side that crashed sends the RST" (case 5)', () => {
    const s = solve(exercise([...OPEN, 'server: crash'], 'at: 3, ask: next-segment, host: server'));
    expect(s.answer).toBe('nothing');
    expect(s.diagnoses['RST']).toEqual(['crashed-host-resets']);
  });

  it('a SYN to a closed port: ECONNREFUSED, and ECONNRESET is "REFUSED and RESET are the same" (case 1, R9)', () => {
    const s = solve(exercise(['server: listen 80', 'client: connect server:5000'], 'at: 1, ask: result, host: client'));
    expect(s.answer).toBe('ECONNREFUSED');
    expect(s.diagnoses['ECONNRESET']).toEqual(['refused-is-reset']);
  });

  it('an in-window RST that is not exact: a challenge ACK, and nothing is "any in-window RST resets" (R10)', () => {
    const s = solve(
      exercise([...OPEN, 'network: inject client->server RST seq in-window'], 'at: 3, ask: next-segment, host: server'),
    );
    expect(s.answer).toBe('ACK');
    expect(s.evidence?.reason).toBe('challenge-ack');
    expect(s.diagnoses['nothing']).toContain('any-in-window-rst-resets');
  });

  it('a newer SYN meeting TIME-WAIT with the listener open: SYN-ACK, and RST is "TIME-WAIT refuses" (R13)', () => {
    const steps = [
      'server: listen 5000',
      'client: connect server:5000 from 40001',
      'server: accept',
      'server: close',
      'client: recv',
      'client: close',
      'wait: 300ms',
      'client: connect server:5000 from 40001',
    ];
    const s = solve(exercise(steps, 'at: 7, ask: next-segment, host: server'));
    expect(s.answer).toBe('SYN-ACK');
    expect(s.diagnoses['RST']).toEqual(['time-wait-refuses']);
  });

  it('a reset is never answered: nothing, and ACK is "a RST is acknowledged" (R3)', () => {
    const s = solve(exercise([...OPEN, 'server: abort'], 'at: 3, ask: next-segment, host: client'));
    expect(s.answer).toBe('nothing');
    expect(s.diagnoses['ACK']).toContain('rst-is-acknowledged');
  });

  it('a belief whose run cannot go on predicts nothing, and diagnoses nothing', () => {
    // Once the in-window RST kills the connection in the belief, the next forgery has no connection to aim at.
    const steps = [
      ...OPEN,
      'network: inject client->server RST seq in-window',
      'network: inject client->server RST seq exact',
    ];
    const s = solve(exercise(steps, 'at: 4, ask: next-segment, host: server'));
    expect(s.answer).toBe('nothing');
    expect(s.beliefs['any-in-window-rst-resets']).toBeNull();
    expect(Object.values(s.diagnoses).flat()).not.toContain('any-in-window-rst-resets');
  });
});

describe('grade()', () => {
  const e = exercise([...OPEN, 'client: send 100', 'server: close'], 'id: rst, at: 4, ask: next-segment, host: server');

  it('marks the right choice right, a wrong one wrong with its diagnosis, and refuses what is not offered', () => {
    expect(grade(e, 'rst', 'RST')).toEqual({
      valid: true,
      kind: 'choice',
      correct: true,
      answer: 'RST',
      diagnosis: [],
    });
    expect(grade(e, 'rst', 'FIN')).toEqual({
      valid: true,
      kind: 'choice',
      correct: false,
      answer: 'RST',
      diagnosis: ['close-always-fins'],
    });
    expect(grade(e, 'rst', 'maybe')).toEqual({ valid: false, message: "'maybe' is not one of the choices" });
    expect(grade(e, 'nope', 'RST')).toMatchObject({ valid: false });
  });

  it('runs a goal answer through the model, within the toolbox only', () => {
    const goal = exercise(
      [...OPEN, 'client: send 100'],
      'id: g, ask: goal, toolbox: [recv, close], hosts: [server], goal: { segment: { from: server, is: RST } }',
    );
    expect(solveExercise(goal).problems).toEqual([]);
    // R5: close() with the 100 bytes unread resets; R7: after reading them it is a FIN.
    expect(grade(goal, 'g', { steps: ['server: close'] })).toEqual({ valid: true, kind: 'goal', correct: true });
    expect(grade(goal, 'g', { steps: ['server: recv', 'server: close'] })).toEqual({
      valid: true,
      kind: 'goal',
      correct: false,
    });
    expect(grade(goal, 'g', { steps: ['server: abort'] })).toEqual({
      valid: false,
      message: "step 1: 'abort' is not in the toolbox (recv, close)",
    });
    expect(grade(goal, 'g', { steps: ['client: close'] })).toEqual({
      valid: false,
      message: 'step 1: you may act only for server',
    });
  });
});

describe('the view a page renders', () => {
  const e = exercise([...OPEN, 'client: send 100', 'server: close'], 'id: rst, at: 4, ask: next-segment, host: server');
  const view = (lang: 'en' | 'zh-CN') => exerciseView(e, lang).questions[0] as ChoiceQuestionView;

  it('keys the question by exercise and question id, the same in both languages, and stops after `at`', () => {
    expect(view('en').key).toBe('hand-made/rst');
    expect(view('zh-CN').key).toBe('hand-made/rst');
    expect(view('en').stopAfterStep).toBe(4);
  });

  it('names the rule that decided it and the lesson teaching it (R5, R8: close-unread-data, lesson 10)', () => {
    const v = view('en');
    expect(v.rule).toMatchObject({ reason: 'close-unread-data', rules: ['R5', 'R8'], kind: 'rst' });
    expect(v.lesson).toEqual({
      lesson: '10-beyond-the-article',
      href: '/en/lessons/10-beyond-the-article/',
      section: null,
    });
    expect(view('zh-CN').lesson.href).toBe('/zh-cn/lessons/10-beyond-the-article/');
  });

  it('words the diagnosis "you answered as if …; in fact …" in the learner\'s language', () => {
    const fin = view('en').choices.find((c) => c.value === 'FIN');
    expect(fin?.correct).toBe(false);
    expect(fin?.diagnosis[0]?.text).toBe(
      'You answered as if close() always sent FIN. In fact: close() sends RST when received data is still unread, and with SO_LINGER {on, 0}; otherwise FIN.',
    );
    expect(view('zh-CN').choices.find((c) => c.value === 'FIN')?.diagnosis[0]?.text).toMatch(
      /^你的回答就好像close\(\) 总是发送 FIN。实际上：/,
    );
  });

  it('grades hints: the rule family, what the socket holds when the player stops, then the answer', () => {
    const [family, holds, reveal] = view('en').hints;
    expect(family).toContain('R4–R8');
    // After step 4 the server has acknowledged the client's 100 bytes and read none of them.
    expect(holds).toBe(
      'When the player stops, server’s socket 5000#1 is in ESTABLISHED. It holds 100 bytes received but not yet read.',
    );
    expect(reveal).toMatch(/^The answer: RST\. Rule R5, R8: /);
  });
});
