/** Lesson 11's cases: the two files agree, every scenario is there once, and the symptoms read from the model are right. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, type ProfileName, type Trace } from '../../../src/model/index.ts';
import { parseScenario } from '../../../src/scenario/parse.ts';
import {
  evidenceOf,
  inlineHtml,
  parseCases,
  scenariosDrawnIn,
  symptomsOf,
  type CheatCase,
} from '../../../src/components/cheat-sheet.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const LOCALES = ['en', 'zh-cn'] as const;
const casesOf = (locale: string): CheatCase[] =>
  parseCases(
    readFileSync(join(root, 'content', 'cheat-sheet', `${locale}.yaml`), 'utf8'),
    `content/cheat-sheet/${locale}.yaml`,
  );
const scenarioIds = readdirSync(join(root, 'exercises', 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

function run(id: string, profile: ProfileName = 'linux'): Trace {
  const file = `exercises/scenarios/${id}.yaml`;
  const parsed = parseScenario(readFileSync(join(root, file), 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return simulate(parsed.scenario, { profile });
}

describe('the cases of content/cheat-sheet/', () => {
  const en = casesOf('en');
  const zh = casesOf('zh-cn');

  it('list the same cases, lessons and scenarios in the same order, in both languages', () => {
    expect(zh.map((c) => [c.lesson, c.scenarios])).toEqual(en.map((c) => [c.lesson, c.scenarios]));
  });

  it('name every scenario in exercises/scenarios/ exactly once', () => {
    const named = en.flatMap((c) => c.scenarios).sort();
    expect(named).toEqual(scenarioIds);
  });

  it('point at lessons that exist in both languages, in course order', () => {
    for (const c of en) {
      for (const locale of LOCALES) {
        expect(existsSync(join(root, 'content', 'lessons', locale, `${c.lesson}.mdx`)), `${locale}/${c.lesson}`).toBe(
          true,
        );
      }
    }
    const order = en.map((c) => c.lesson);
    expect(order).toEqual([...order].sort());
  });

  it('write segments in the site notation, not tcpdump’s (R. F. P. S.)', () => {
    for (const c of [...en, ...zh])
      expect(c.wire, c.situation).not.toMatch(/\b[cs]:(S|S\.|\.|P\.|F\.|R|R\.)(?=[\s`]|$)/);
  });
});

describe('parseCases', () => {
  it('names the file, the line and the case of a mistake', () => {
    const source = [
      '- lesson: 02-closed-port-time-wait',
      '  scenarios: [closed-port]',
      '  situation: A SYN to a closed port',
      '  wire: x',
      '  outcome: y',
      '  sees: z',
      '- lesson: lesson two',
      '  scenarios: [closed-port]',
      '  situation: Another',
      '  wier: x',
      '  outcome: y',
      '  sees: z',
    ].join('\n');
    expect(() => parseCases(source, 'x.yaml')).toThrow(
      /x\.yaml:7: case 2, lesson: expected a lesson such as 02-closed-port-time-wait/,
    );
    expect(() => parseCases(source, 'x.yaml')).toThrow(/x\.yaml:\d+: case 2, (wire|wier)/);
  });

  it('names the line of a YAML syntax error', () => {
    expect(() => parseCases('- lesson: 00-x\n  scenarios: [a\n', 'y.yaml')).toThrow(/^y\.yaml:\d+: /);
  });
});

describe('symptomsOf: reference checks against behaviour.md', () => {
  it('SYN to a closed port (case 1: c:S s:R., ECONNREFUSED): the server resets, the client is refused', () => {
    const found = symptomsOf(run('closed-port'));
    expect([...found.keys()].sort()).toEqual(['ECONNREFUSED', 'rst-server']);
    expect([...(found.get('ECONNREFUSED') ?? [])]).toEqual(['client']);
  });

  it('SYN retries run out (case 3: c:S c:S c:S then nothing, ETIMEDOUT): no RST, no FIN', () => {
    expect([...symptomsOf(run('syn-retries-exhausted')).keys()].sort()).toEqual(['ETIMEDOUT', 'quiet']);
  });

  it('half-open, crashed peer still down (case 5: nobody sends RST, ETIMEDOUT)', () => {
    expect([...symptomsOf(run('half-open-peer-down')).keys()].sort()).toEqual(['ETIMEDOUT', 'quiet']);
  });

  it('half-open, peer lost its state (case 5: c:P. s:R; ECONNRESET, then EPIPE): the side without state resets', () => {
    const found = symptomsOf(run('half-open-state-lost'));
    expect(found.has('rst-server')).toBe(true);
    expect(found.has('rst-client')).toBe(false);
    expect([...(found.get('ECONNRESET') ?? [])]).toEqual(['client']);
    expect([...(found.get('EPIPE') ?? [])]).toEqual(['client']);
  });

  it('SO_LINGER 0 (case 8: c:R., peer ECONNRESET): the client resets, the server gets the error', () => {
    const found = symptomsOf(run('linger-zero-abort'));
    expect(found.has('rst-client')).toBe(true);
    expect(found.has('rst-server')).toBe(false);
    expect([...(found.get('ECONNRESET') ?? [])]).toEqual(['server']);
  });

  it('a normal close (FIN both ways, recv() 0): FIN and end of stream, no RST', () => {
    expect([...symptomsOf(run('normal-close')).keys()].sort()).toEqual(['eof', 'fin-no-rst']);
  });

  it('forged RSTs (RFC 5961: only the exact one resets) count as forged, not as the client’s', () => {
    const found = symptomsOf(run('forged-rst'));
    expect(found.has('rst-forged')).toBe(true);
    expect(found.has('rst-client')).toBe(false);
    expect([...(found.get('ECONNRESET') ?? [])]).toEqual(['server']);
  });
});

describe('evidenceOf', () => {
  it('marks what only one profile shows (data after close: EPIPE on Linux, connection reset in RFC 9293)', () => {
    const evidence = evidenceOf([run('data-after-close', 'linux'), run('data-after-close', 'rfc9293')]);
    expect(evidence.find((e) => e.symptom === 'EPIPE')?.profiles).toEqual(['linux']);
    expect(evidence.find((e) => e.symptom === 'ECONNRESET')?.profiles).toEqual(['rfc9293']);
    expect(evidence.find((e) => e.symptom === 'rst-server')?.profiles).toEqual(['linux', 'rfc9293']);
  });
});

describe('scenariosDrawnIn', () => {
  it('reads Scenario and Compare, over several lines, with their profiles', () => {
    const mdx = [
      '<Scenario id="closed-port" />',
      '<Compare',
      '  a="linger-zero-abort"',
      '  b="linger-zero-abort"',
      '  profileB="rfc9293"',
      '/>',
      '<Scenario id="x" profile="rfc9293" />',
      'The text may name `not-drawn` without drawing it.',
    ].join('\n');
    expect(scenariosDrawnIn(mdx)).toEqual([
      { id: 'closed-port', profile: undefined },
      { id: 'linger-zero-abort', profile: undefined },
      { id: 'linger-zero-abort', profile: 'rfc9293' },
      { id: 'x', profile: 'rfc9293' },
    ]);
  });
});

describe('inlineHtml', () => {
  it('escapes HTML and writes code, bold and italics', () => {
    expect(inlineHtml('**RST** · the side *without* state: `a<b>` & <i>')).toBe(
      '<strong>RST</strong> · the side <em>without</em> state: <code>a&lt;b&gt;</code> &amp; &lt;i&gt;',
    );
  });

  it('leaves asterisks inside code alone', () => {
    expect(inlineHtml('`c:data` × n, `**not bold**`')).toBe('<code>c:data</code> × n, <code>**not bold**</code>');
  });
});
