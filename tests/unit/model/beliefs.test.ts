/**
 * Beliefs (in-the-wild.md Part 2): each one makes the model do what someone holding the
 * misconception expects, and the real profiles do what behaviour.md says. Every test runs the
 * same scenario twice — as TCP does it and as the belief predicts — and checks the difference the
 * belief is named for; the real side of each is a reference check against behaviour.md.
 */
import { describe, expect, it } from 'vitest';
import { BELIEF_IDS, BELIEFS, believed, type BeliefId } from '../../../src/model/beliefs.ts';
import { PROFILES } from '../../../src/model/profiles.ts';
import { simulate } from '../../../src/model/simulator.ts';
import type { Trace, TraceSegment } from '../../../src/model/trace.ts';
import { REAL_TCP } from '../../../src/model/truths.ts';
import { parseScenario } from '../../../src/scenario/parse.ts';

function scenario(steps: string[], tune = '') {
  const text = `id: belief-test\nhosts: [client, server]\n${tune}steps:\n${steps.map((s) => `  - ${s}`).join('\n')}\n`;
  const parsed = parseScenario(text, 'belief-test.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return parsed.scenario;
}

/** The same steps as TCP runs them and as the belief predicts. */
function both(belief: BeliefId, steps: string[], tune = ''): { real: Trace; believed: Trace } {
  const s = scenario(steps, tune);
  return { real: simulate(s), believed: simulate(s, { belief }) };
}

const OPEN = ['server: listen 80', 'client: connect server:80', 'server: accept'];
const from = (t: Trace, host: string) => t.segments.filter((s) => s.from === host);
const rsts = (t: Trace, host: string) => from(t, host).filter((s) => s.flags.includes('RST'));
const fins = (t: Trace, host: string) => from(t, host).filter((s) => s.flags.includes('FIN'));
const inStep = (step: number, segs: TraceSegment[]) => segs.filter((s) => s.step === step);
const results = (t: Trace, host: string, call?: string) =>
  t.events.flatMap((e) => (e.kind === 'call' && e.host === host && (!call || e.call === call) ? [e.result] : []));
const read = (t: Trace, host: string) =>
  t.events.reduce((n, e) => n + (e.kind === 'call' && e.host === host && e.call === 'recv' ? (e.bytes ?? 0) : 0), 0);

describe('the belief catalogue', () => {
  it('has at least ten beliefs, each turning something the linux profile does not', () => {
    expect(BELIEF_IDS.length).toBeGreaterThanOrEqual(10);
    for (const id of BELIEF_IDS) {
      const overlay = Object.entries(BELIEFS[id].overlay);
      expect(overlay.length, id).toBeGreaterThan(0);
      const linux = PROFILES.linux as unknown as Record<string, unknown>;
      expect(
        overlay.some(([k, v]) => JSON.stringify(linux[k]) !== JSON.stringify(v)),
        id,
      ).toBe(true);
    }
  });

  it('real profiles hold every truth as real TCP does', () => {
    for (const profile of Object.values(PROFILES)) {
      for (const [knob, value] of Object.entries(REAL_TCP))
        expect((profile as unknown as Record<string, unknown>)[knob]).toBe(value);
    }
  });

  it('overlays the linux profile only, and says so in the trace', () => {
    const t = simulate(scenario(OPEN), { profile: 'rfc9293', belief: 'close-always-fins' });
    expect(t.profile).toBe('linux');
    expect(t.belief).toBe('close-always-fins');
    expect(simulate(scenario(OPEN)).belief).toBeUndefined();
    expect(believed(PROFILES.linux, 'close-always-fins').closeMayReset).toBe(false);
  });
});

describe('each belief predicts what its holder expects', () => {
  it('crashed-host-resets: the crash itself sends RST (in fact a crashed host is silent, case 5)', () => {
    const t = both('crashed-host-resets', [...OPEN, 'server: crash']);
    expect(inStep(4, from(t.real, 'server'))).toEqual([]);
    expect(inStep(4, rsts(t.believed, 'server'))).toHaveLength(1);
  });

  it('reader-notices-dead-peer: an idle reader gets an error when its peer crashes (in fact it waits, R11)', () => {
    const t = both('reader-notices-dead-peer', [...OPEN, 'server: crash', 'client: recv']);
    expect(results(t.real, 'client', 'recv')).toEqual(['EAGAIN']);
    expect(results(t.believed, 'client', 'recv')).toEqual(['ECONNRESET']);
    expect(t.believed.segments).toHaveLength(t.real.segments.length);
  });

  it('keepalive-is-quick: an idle connection probes within a minute (in fact keepalive is off, RFC 1122 §4.2.3.6)', () => {
    const t = both('keepalive-is-quick', [...OPEN, 'wait: 1m']);
    expect(t.real.segments.filter((s) => s.reason === 'keepalive-probe')).toEqual([]);
    expect(t.believed.segments.filter((s) => s.reason === 'keepalive-probe').length).toBeGreaterThan(0);
  });

  it('close-always-fins: close() with unread data and an abort both send FIN (in fact RST, R5 and R4)', () => {
    const unread = both('close-always-fins', [...OPEN, 'client: send 100', 'server: close']);
    expect(rsts(unread.real, 'server')).toHaveLength(1);
    expect(fins(unread.believed, 'server')).toHaveLength(1);
    expect(rsts(unread.believed, 'server').filter((s) => s.reason === 'close-unread-data')).toEqual([]);
    const abort = both('close-always-fins', [...OPEN, 'client: abort']);
    expect(rsts(abort.real, 'client').map((s) => s.reason)).toEqual(['abort']);
    expect(fins(abort.believed, 'client')).toHaveLength(1);
  });

  it('shutdown-is-close: data after shutdown(write) is refused (in fact the half-close keeps reading, R7)', () => {
    const t = both('shutdown-is-close', [...OPEN, 'client: shutdown write', 'server: send 10', 'client: recv']);
    expect(rsts(t.real, 'client')).toEqual([]);
    expect(results(t.real, 'client', 'recv')).toEqual(['ok']);
    expect(rsts(t.believed, 'client').map((s) => s.reason)).toEqual(['data-after-close']);
  });

  it('written-means-delivered: everything written reaches the peer before an abort (in fact only the window, R4)', () => {
    const t = both('written-means-delivered', [...OPEN, 'client: send 100000', 'client: abort', 'server: recv']);
    expect(read(t.real, 'server')).toBeLessThan(100_000);
    expect(read(t.believed, 'server')).toBe(100_000);
  });

  it('rst-is-acknowledged: the RST gets an ACK (in fact a RST is never answered, R3)', () => {
    const t = both('rst-is-acknowledged', [...OPEN, 'client: abort']);
    const after = (tr: Trace) => tr.segments.slice(tr.segments.findIndex((s) => s.flags.includes('RST')) + 1);
    expect(after(t.real)).toEqual([]);
    expect(after(t.believed)[0]).toMatchObject({ from: 'server', flags: ['ACK'] });
  });

  it('any-in-window-rst-resets: a forged in-window RST kills the connection (in fact a challenge ACK, R10)', () => {
    const t = both('any-in-window-rst-resets', [...OPEN, 'network: inject client->server RST seq in-window']);
    expect(from(t.real, 'server').map((s) => s.reason)).toEqual(['handshake', 'challenge-ack']);
    expect(t.believed.events.some((e) => e.kind === 'error' && e.host === 'server' && e.errno === 'ECONNRESET')).toBe(
      true,
    );
  });

  it('refused-is-reset: a refused connect() reports ECONNRESET (in fact ECONNREFUSED, R9)', () => {
    const t = both('refused-is-reset', ['client: connect server:80']);
    expect(results(t.real, 'client', 'connect')).toEqual(['ECONNREFUSED']);
    expect(results(t.believed, 'client', 'connect')).toEqual(['ECONNRESET']);
  });

  it('reset-means-abort: every RST reads as the peer calling abort() (in fact each has its rule)', () => {
    const t = both('reset-means-abort', ['client: connect server:80']);
    expect(rsts(t.real, 'server').map((s) => s.reason)).toEqual(['no-listener']);
    expect(rsts(t.believed, 'server').map((s) => s.reason)).toEqual(['abort']);
  });

  it('time-wait-refuses: a new SYN to a TIME-WAIT 4-tuple is reset (in fact it reopens, R13)', () => {
    const steps = [
      'server: listen 80',
      'client: connect server:80 from 40000',
      'server: accept',
      'server: close',
      'client: close',
      'client: connect server:80 from 40000 as again',
    ];
    const t = both('time-wait-refuses', steps);
    expect(results(t.real, 'client', 'connect')).toEqual(['ok', 'ok']);
    expect(rsts(t.believed, 'server').map((s) => s.reason)).toEqual(['no-listener']);
  });

  it('listener-takes-lost-data: a rebooted listener acknowledges the old connection (in fact RST, R2)', () => {
    const t = both('listener-takes-lost-data', [...OPEN, 'server: reboot', 'server: listen 80', 'client: send 10']);
    expect(rsts(t.real, 'server').map((s) => s.reason)).toEqual(['no-connection']);
    expect(rsts(t.believed, 'server')).toEqual([]);
    expect(from(t.believed, 'server').at(-1)?.flags).toEqual(['ACK']);
  });

  it('only-the-peer-resets: a forged RST never arrives (in fact third parties forge them, RFC 5961)', () => {
    const t = both('only-the-peer-resets', [...OPEN, 'network: inject client->server RST seq exact']);
    expect(t.real.segments.filter((s) => s.reason === 'forged')).toHaveLength(1);
    expect(t.believed.segments.filter((s) => s.reason === 'forged')).toEqual([]);
  });

  it('fin-timeout-is-time-wait: tcp_fin_timeout cuts TIME-WAIT short (in fact it stays, Linux 60 s)', () => {
    const steps = [...OPEN, 'client: close', 'server: close', 'wait: 20s', 'client: recv'];
    const t = both('fin-timeout-is-time-wait', steps, 'tune: { fin_timeout: 10s }\n');
    const closed = (tr: Trace) =>
      tr.events.some((e) => e.kind === 'state' && e.host === 'client' && e.from === 'TIME-WAIT' && e.to === 'CLOSED');
    expect(closed(t.real)).toBe(false);
    expect(closed(t.believed)).toBe(true);
  });

  it('killed-process-resets: a process that exits resets its connections (in fact FIN, R8)', () => {
    const t = both('killed-process-resets', [...OPEN, 'server: exit']);
    expect(fins(t.real, 'server').map((s) => s.reason)).toEqual(['exit']);
    expect(rsts(t.believed, 'server')).toHaveLength(1);
  });
});
