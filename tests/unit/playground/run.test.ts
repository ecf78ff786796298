import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/components/playground-run.ts';

const header = 'id: x\ntitle: { en: X, zh-CN: 叉 }\nhosts: [client, server]\nsteps:\n';

describe('runScenario', () => {
  it('returns the trace, with the scenario id, title and hosts', () => {
    const outcome = runScenario(`${header}  - server: listen 80\n  - client: connect server:80\n`, null);
    expect(outcome.kind).toBe('trace');
    if (outcome.kind !== 'trace') return;
    expect([outcome.id, outcome.title?.en, outcome.hosts]).toEqual(['x', 'X', ['client', 'server']]);
    expect(outcome.trace.segments.map((s) => s.flags.join('+'))).toEqual(['SYN', 'SYN+ACK', 'ACK']);
  });

  it('lets the chosen profile override the scenario’s own', () => {
    const text = `${header.replace('steps:', 'profile: linux\nsteps:')}  - server: listen 80\n  - client: connect server:80\n  - client: linger 0s\n  - client: close\n`;
    const reset = (profile: 'rfc9293' | null) => {
      const outcome = runScenario(text, profile);
      return outcome.kind === 'trace' ? outcome.trace.segments.at(-1)?.flags : outcome;
    };
    expect(reset(null)).toEqual(['RST', 'ACK']);
    expect(reset('rfc9293')).toEqual(['RST']);
  });

  it('gives parse errors by line', () => {
    expect(runScenario(`${header}  - server: lisen 80\n`, null)).toEqual({
      kind: 'problems',
      problems: [{ line: 5, message: "unknown verb 'lisen' — did you mean 'listen'?" }],
    });
  });

  it('gives the model’s run errors by line too', () => {
    const text = `${header}  - server: listen 80\n  - client: connect server:80\n  - client: connect server:80\n  - client: send 1\n`;
    const outcome = runScenario(text, null);
    expect(outcome.kind === 'problems' && outcome.problems.map((p) => p.line)).toEqual([8]);
  });

  it('runs a chosen belief beside the scenario, on the linux profile, and only when asked', () => {
    const text = `${header}  - server: listen 80\n  - client: connect server:80\n  - client: linger 0s\n  - client: close\n`;
    const plain = runScenario(text, null);
    expect(plain.kind === 'trace' && plain.believed).toBeNull();
    const believing = runScenario(text, 'rfc9293', 'close-always-fins');
    if (believing.kind !== 'trace' || believing.believed === null || !('trace' in believing.believed))
      throw new Error(`no belief trace: ${JSON.stringify(believing)}`);
    const flags = (trace: { segments: { flags: string[] }[] }) => trace.segments.map((s) => s.flags.join('+'));
    // TCP (here rfc9293, as chosen) aborts with RST (R4); the belief has close() always send FIN.
    expect(flags(believing.trace).at(-1)).toBe('RST');
    expect(flags(believing.believed.trace)).toContain('FIN+ACK');
    expect(flags(believing.believed.trace).some((f) => f.includes('RST'))).toBe(false);
    // Beliefs overlay the real kernel, whatever profile TCP's side was run with.
    expect(believing.believed.trace.profile).toBe('linux');
  });
});
