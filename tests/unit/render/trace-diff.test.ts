import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/index.ts';
import { parseScenario } from '../../../src/scenario/parse.ts';
import { segmentSignature, traceDiff } from '../../../src/render/trace-items.ts';
import { segment } from './fixtures.ts';

function scenario(id: string) {
  const file = join(import.meta.dirname, '..', '..', '..', 'exercises', 'scenarios', `${id}.yaml`);
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${id}: does not parse`);
  return parsed.scenario;
}

describe('traceDiff', () => {
  const syn = segment({ i: 0, t: 0, step: 1, flags: ['SYN'] });
  const rst = segment({ i: 1, t: 0.05, step: 1, from: 'server', to: 'client', flags: ['RST', 'ACK'] });
  const fin = segment({ i: 1, t: 0.05, step: 1, from: 'server', to: 'client', flags: ['FIN', 'ACK'] });

  it('lists what each trace has and the other lacks, by signature', () => {
    expect(traceDiff({ segments: [syn, rst] }, { segments: [syn, fin] })).toEqual({
      onlyA: [segmentSignature(rst)],
      onlyB: [segmentSignature(fin)],
    });
  });

  it('is empty both ways for the same segments', () => {
    expect(traceDiff({ segments: [syn, rst] }, { segments: [rst, syn] })).toEqual({ onlyA: [], onlyB: [] });
  });

  // behaviour.md: a crashed host sends nothing; the RST comes from the rebooted host, answering data.
  it('puts a RST from the crashing server on the belief side only, and the client data on the TCP side', () => {
    const crash = scenario('crash-reboot');
    const { onlyA, onlyB } = traceDiff(
      simulate(crash, { belief: 'crashed-host-resets' }),
      simulate(crash, { profile: 'linux' }),
    );
    expect(onlyA.some((sig) => sig.startsWith('server>client RST'))).toBe(true);
    expect(onlyB.some((sig) => sig.startsWith('client>server') && !sig.endsWith(' 0'))).toBe(true);
  });
});
