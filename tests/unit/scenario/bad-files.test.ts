import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatError, MAX_SCENARIO_BYTES, parseScenario } from '../../../src/scenario/parse.ts';
import { BAD_SCENARIO_CASES, BAD_SCENARIOS_DIR } from '../../fixtures/scenarios-bad/cases.ts';

function errorsOf(text: string, file = 'bad.yaml'): string[] {
  const result = parseScenario(text, file);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map(formatError);
}

describe('a bad scenario file', () => {
  it.each(BAD_SCENARIO_CASES)(
    '$file: names line $line and says "$messageIncludes"',
    ({ file, line, messageIncludes }) => {
      const [first] = errorsOf(readFileSync(BAD_SCENARIOS_DIR + file, 'utf8'), file);
      expect(first?.startsWith(line === null ? `${file}: ` : `${file}:${line}: `)).toBe(true);
      expect(first).toContain(messageIncludes);
    },
  );

  it('has a case for every fixture in the folder, and a fixture for every case', () => {
    const files = readdirSync(BAD_SCENARIOS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(BAD_SCENARIO_CASES.map((c) => c.file).sort()).toEqual(files);
  });
});

describe('errors name the line', () => {
  it('says "unknown verb ... did you mean" for the example in DESIGN.md', () => {
    const text = 'id: x\nhosts: [client, server]\nsteps:\n  - client: conect server:80\n';
    expect(errorsOf(text)).toEqual(["bad.yaml:4: unknown verb 'conect' — did you mean 'connect'?"]);
  });

  it('lists the verbs when a word is nothing like one', () => {
    const [first] = errorsOf('id: x\nhosts: [a, b]\nsteps:\n  - a: frobnicate\n');
    expect(first).toContain("bad.yaml:4: unknown verb 'frobnicate' — expected one of bind, listen, connect");
  });

  it('reports every mistake in one run, in line order', () => {
    const text = [
      'id: x', //                              1
      'profile: bsd', //                       2
      'hosts: [client, server]', //            3
      'steps:', //                             4
      '  - client: connect sever:80', //       5
      '  - server: listen 0', //               6
      '  - wait: 5', //                        7
    ].join('\n');
    const errors = errorsOf(text);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toBe("bad.yaml:2: unknown profile 'bsd' — expected 'linux' or 'rfc9293'");
    expect(errors[1]).toBe("bad.yaml:5: unknown host 'sever' — did you mean 'server'?");
    expect(errors[2]).toBe('bad.yaml:6: port 0 is out of range (1–65535)');
    expect(errors[3]).toContain("bad.yaml:7: wait: duration '5' needs a unit");
  });

  it('names a missing locale of a title at the title', () => {
    const errors = errorsOf('id: x\ntitle:\n  en: Hello\nhosts: [a, b]\nsteps: [{ wait: 1s }]\n');
    expect(errors).toEqual(["bad.yaml:2: title: missing required key 'zh-CN'"]);
  });

  it('names a value of the wrong type with what was expected', () => {
    expect(errorsOf('id: x\nhosts: [a, b]\nseed: -1\nsteps: [{ wait: 1s }]\n')).toEqual([
      'bad.yaml:3: seed: must be at least 0, found -1',
    ]);
    expect(errorsOf('id: x\nhosts: [a, b]\ntune: { abort_on_overflow: maybe }\nsteps: [{ wait: 1s }]\n')).toEqual([
      "bad.yaml:3: tune.abort_on_overflow: expected true or false, found 'maybe'",
    ]);
    expect(errorsOf('id: x\nhosts: [a, b]\nsteps:\n  - a: 42\n')).toEqual(['bad.yaml:4: a: expected text, found 42']);
  });

  it('rejects a host name that steps use for themselves', () => {
    expect(errorsOf('id: x\nhosts: [network, b]\nsteps: [{ wait: 1s }]\n')).toEqual([
      "bad.yaml:2: 'network' is reserved for steps and cannot name a host",
    ]);
  });

  it('prefers "did you mean" for a misspelt key over "two actions"', () => {
    expect(errorsOf('id: x\nhosts: [a, b]\nsteps:\n  - wait: 1s\n    lable: start\n')).toEqual([
      "bad.yaml:5: unknown key 'lable' — did you mean 'label'?",
    ]);
  });

  it('rejects YAML tags that make values other than text, numbers and booleans', () => {
    expect(errorsOf('id: x\nhosts: [a, b]\nsteps:\n  - a: !!binary aGVsbG8=\n')).toEqual([
      "bad.yaml:4: unsupported value 'aGVsbG8=' — write plain text",
    ]);
  });

  it('says a step that is not a mapping should be one', () => {
    expect(errorsOf('id: x\nhosts: [a, b]\nsteps:\n  - a listen 80\n')).toEqual([
      "bad.yaml:4: step 1: expected a mapping, found 'a listen 80'",
    ]);
  });
});

describe('hostile input', () => {
  it('rejects an alias bomb with "too many aliases" at the alias that passes the limit', () => {
    const text = readFileSync(`${BAD_SCENARIOS_DIR}alias-bomb.yaml`, 'utf8');
    expect(errorsOf(text, 'bomb.yaml')).toEqual([
      'bomb.yaml:5: too many aliases: more than 50 uses or 1000 aliased nodes (is this an alias bomb?)',
    ]);
  });

  it('rejects more than 50 alias uses even when each is small', () => {
    const steps = Array.from({ length: 51 }, () => '  - *w').join('\n');
    const errors = errorsOf(`id: x\nhosts: [a, b]\nsteps:\n  - &w { wait: 1s }\n${steps}\n`);
    expect(errors).toEqual([
      `bad.yaml:55: too many aliases: more than 50 uses or 1000 aliased nodes (is this an alias bomb?)`,
    ]);
  });

  it('rejects a file over 256 KiB without a line', () => {
    const text = `id: big\nhosts: [a, b]\nsteps: [{ wait: 1s }]\n# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`;
    expect(errorsOf(text, 'big.yaml')).toEqual(['big.yaml: file is too large: a scenario may be at most 256 KiB']);
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const text = `id: big\nhosts: [a, b]\nsteps: [{ wait: 1s }]\n# ${'字'.repeat(MAX_SCENARIO_BYTES / 3)}\n`;
    expect(text.length).toBeLessThan(MAX_SCENARIO_BYTES);
    expect(errorsOf(text, 'big.yaml')[0]).toContain('file is too large');
  });

  it('rejects deep nesting instead of overflowing the stack', () => {
    expect(errorsOf('['.repeat(200_000))).toEqual(['bad.yaml:1: not valid YAML: nested too deeply']);
    const block = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(errorsOf(block)[0]).toContain('nested more than 64 levels deep');
  });

  it('treats a key named __proto__ as an ordinary unknown key', () => {
    expect(errorsOf('id: x\nhosts: [a, b]\n__proto__: { polluted: true }\nsteps: [{ wait: 1s }]\n')).toEqual([
      "bad.yaml:3: unknown key '__proto__' in the scenario — expected 'id', 'title', 'description', 'profile', 'hosts', 'seed', 'tune', 'steps' or 'expect'",
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('never throws, whatever the text', () => {
    const samples = [
      '',
      ' ',
      '\t',
      '---\n---\n',
      '%YAML 1.1\n---\nid: x',
      ':',
      '- - -',
      '{',
      '"',
      "'",
      '&a *a',
      '*a',
      '!!binary x',
      '? [a, b]\n: c',
      'id: x\nhosts: [a, b]\nsteps: [{ a: "" }]',
      'id: x\nhosts: [a, b]\nsteps: [{}]',
      'id: x\nhosts: [a, b]\nsteps: [{ network: "" }]',
      'id: x\nhosts: [a, b]\nsteps: [{ wait: null }]',
      'id: x\nhosts: [a, b]\nsteps: [{ a.: close }]',
      'id: x\nhosts: [a, b]\nsteps: [{ "a.80#1.x": close }]',
      '\u0000\u0001\u0002',
      '\uFEFF',
      'id: x\nhosts: [a, b]\nsteps:\n  - a: connect :80\n  - a: connect b:\n  - a: connect b:x',
    ];
    for (const text of samples) {
      const result = parseScenario(text, 'fuzz.yaml');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});
