/**
 * The exercise format's errors, on planted mistakes: each names the file and the line, and a
 * near miss gets a suggestion. A question the model cannot answer as written fails the check
 * at the line of the mistake.
 */
import { describe, expect, it } from 'vitest';
import { checkExercise } from '../../../src/check/exercises.ts';
import { parseExercise } from '../../../src/exercises/parse.ts';
import { formatError } from '../../../src/scenario/parse.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { course, ROOT } from './course.ts';

const FILE = 'exercises/02-closed-port-time-wait/x.yaml';
const ids = [...course.scenarios.keys()];
const parse = (text: string) => parseExercise(text, FILE, (id) => course.scenarios.get(id), ids);
const errors = (text: string): string[] => {
  const r = parse(text);
  return r.ok ? [] : r.errors.map(formatError);
};
const checked = (text: string): string[] =>
  checkExercise(text, FILE, '02-closed-port-time-wait/x.yaml', {
    scenarios: course.scenarios,
    lessons: null,
  }).report.problems.map(formatError);

/** Lines 1–9; a question starts on line 10. A SYN to a closed port: `c:S s:R.`, ECONNREFUSED (behaviour.md case 1). */
const HEAD = `id: x
lesson: 02-closed-port-time-wait
title: { en: X, zh-CN: 某 }
hosts: [client, server]
steps:
  - server: listen 80
  - client: connect server:5000
    label: connect
questions:
`;
const question = (lines: string[]) => HEAD + lines.map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`).join('\n') + '\n';
const PROMPT = 'prompt: { en: "Q?", zh-CN: 问？ }';

describe('a well-formed exercise', () => {
  it('parses, with its steps resolved to indices', () => {
    const r = parse(question(['at: 1', 'ask: result', 'host: client', PROMPT, 'expect: ECONNREFUSED']));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.exercise.questions[0]).toMatchObject({
      id: 'q1',
      at: 1,
      ask: 'result',
      host: 'client',
      expect: 'ECONNREFUSED',
      expectLine: 14,
    });
    expect(r.exercise.scenarioId).toBeNull();
  });
});

describe('mistakes in the file', () => {
  it('an unknown kind of question, with a suggestion', () => {
    expect(errors(question(['at: 1', 'ask: next-segmnet', 'host: server', PROMPT]))).toEqual([
      `${FILE}:11: question 1: unknown ask 'next-segmnet' — did you mean 'next-segment'?`,
    ]);
  });

  it('an unknown key in a question, with a suggestion', () => {
    expect(errors(question(['at: 1', 'ask: state', 'host: client', PROMPT, 'untill: 2']))).toEqual([
      `${FILE}:14: unknown key 'untill' in 'question 1' — did you mean 'until'?`,
    ]);
  });

  it('a step label that does not exist, with a suggestion', () => {
    expect(errors(question(['at: conect', 'ask: result', 'host: client', PROMPT]))).toEqual([
      `${FILE}:10: question 1: at: no step labelled 'conect' — did you mean 'connect'?`,
    ]);
  });

  it('a step index past the end', () => {
    expect(errors(question(['at: 7', 'ask: result', 'host: client', PROMPT]))).toEqual([
      `${FILE}:10: question 1: at: step 7 does not exist — the scenario has 2 steps`,
    ]);
  });

  it('an unknown host, with a suggestion', () => {
    expect(errors(question(['at: 1', 'ask: result', 'host: clinet', PROMPT]))).toEqual([
      `${FILE}:12: question 1: unknown host 'clinet' — did you mean 'client'?`,
    ]);
  });

  it('an answer that is no answer of its kind, with a suggestion', () => {
    expect(errors(question(['at: 1', 'ask: next-segment', 'host: server', PROMPT, 'expect: RTS']))).toEqual([
      `${FILE}:14: question 1: next-segment has no answer 'RTS' — did you mean 'RST'?`,
    ]);
    expect(
      errors(question(['at: 1', 'ask: next-segment', 'detail: flags', 'host: server', PROMPT, 'expect: ACK+RST'])),
    ).toEqual([
      `${FILE}:15: question 1: next-segment has no answer 'ACK+RST' — write flags in header order joined by +, e.g. RST+ACK, or nothing`,
    ]);
  });

  it('an expect: outside the choices offered', () => {
    expect(
      errors(
        question(['at: 1', 'ask: result', 'host: client', PROMPT, 'choices: [ok, EAGAIN]', 'expect: ECONNREFUSED']),
      ),
    ).toEqual([`${FILE}:15: question 1: expect 'ECONNREFUSED' is not among the choices`]);
  });

  it('a prompt in one language only', () => {
    expect(errors(question(['at: 1', 'ask: result', 'host: client', 'prompt: { en: "Q?" }']))).toEqual([
      `${FILE}:13: question 1: prompt: missing required key 'zh-CN'`,
    ]);
  });

  it('a scenario id that does not exist, with a suggestion', () => {
    const text = `id: x\nlesson: 02-closed-port-time-wait\ntitle: { en: X, zh-CN: 某 }\nscenario: closed-prot\nquestions:\n  - { at: 1, ask: result, host: client, ${PROMPT} }\n`;
    expect(errors(text)).toEqual([
      `${FILE}:4: no scenario 'closed-prot' in exercises/scenarios/ — did you mean 'closed-port'?`,
    ]);
  });

  it('a named scenario and inline steps at once', () => {
    const text = `id: x\nlesson: 02-closed-port-time-wait\ntitle: { en: X, zh-CN: 某 }\nscenario: closed-port\nsteps:\n  - wait: 1s\nquestions: []\n`;
    expect(errors(text)).toContain(
      `${FILE}:5: 'steps' belongs to an inline scenario — name a scenario with 'scenario:' or write hosts and steps here, not both`,
    );
  });

  it('a mistake in an inline step, reported as the scenario language reports it', () => {
    const text =
      HEAD.replace('connect server:5000', 'conect server:5000') +
      `  - { at: 1, ask: result, host: client, ${PROMPT} }\n`;
    expect(errors(text)).toEqual([`${FILE}:7: unknown verb 'conect' — did you mean 'connect'?`]);
  });

  it('two questions with one id', () => {
    const q = `{ id: same, at: 1, ask: result, host: client, ${PROMPT} }`;
    expect(errors(`${HEAD}  - ${q}\n  - ${q}\n`)).toEqual([
      `${FILE}:11: question 2: id 'same' is already used by question 1 — ids must be unique`,
    ]);
  });
});

describe('questions the model cannot answer as written', () => {
  it('an expect: the model disagrees with fails at its line, saying what the model found', () => {
    expect(checked(question(['at: 1', 'ask: next-segment', 'host: server', PROMPT, 'expect: ACK']))).toEqual([
      `${FILE}:14: question 1: expect ACK — the model says RST (segment 2 in step 2, reason no-listener)`,
    ]);
  });

  it('choices without the right one fail at the choices', () => {
    expect(checked(question(['at: 1', 'ask: result', 'host: client', PROMPT, 'choices: [ok, EAGAIN]']))).toEqual([
      `${FILE}:14: question 1: the model's answer 'ECONNREFUSED' is not among the choices`,
    ]);
  });

  it('a reason question with no RST to ask about', () => {
    expect(checked(question(['at: 1', 'ask: reason', 'host: client', PROMPT]))).toEqual([
      `${FILE}:10: question 1: the model gives no answer — client sends no RST after step 1`,
    ]);
  });

  it('a goal already met at the start, and one no toolbox sequence reaches', () => {
    const met = ['ask: goal', 'toolbox: [wait]', 'goal: { segment: { from: server, is: RST } }', PROMPT];
    expect(checked(question(met))).toEqual([`${FILE}:12: question 1: the goal is already met at the start`]);
    const never = ['ask: goal', 'at: 1', 'toolbox: [wait]', 'goal: { segment: { from: server, is: FIN } }', PROMPT];
    expect(checked(question(never))).toEqual([
      `${FILE}:13: question 1: no sequence of up to 3 toolbox steps meets the goal (40 runs tried)`,
    ]);
  });

  it('a folder that is not the lesson', () => {
    const r = checkExercise(question(['at: 1', 'ask: result', 'host: client', PROMPT]), FILE, '03-no-listener/x.yaml', {
      scenarios: course.scenarios,
      lessons: null,
    });
    expect(r.report.problems.map(formatError)).toEqual([
      `${FILE}:2: lesson '02-closed-port-time-wait' does not match its folder exercises/03-no-listener/`,
    ]);
  });
});

describe("the README's example", () => {
  it('parses and is well posed, its expect: as the model says', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Exercises'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const file = 'exercises/08-crash-reboot/readme.yaml';
    const r = checkExercise(yaml, file, '08-crash-reboot/readme.yaml', { scenarios: course.scenarios, lessons: null });
    expect(r.report.problems).toEqual([]);
    expect(r.solved?.questions).toHaveLength(1);
  });
});
