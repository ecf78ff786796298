/**
 * Reference checks, behaviour.md section 7: crash and reboot. See common.ts for the rules they
 * follow.
 */
import { expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  add32,
  appSees,
  errors,
  first,
  one,
  rcvNxt,
  results,
  segs,
  sndNxt,
  socketChanging,
  socketOfCall,
  stateBefore,
  step,
  wire,
} from '../helpers.ts';
import { EPS, clientPort, scenario } from './common.ts';

scenario('crash-reboot', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the crash and the reboot send nothing`, () => {
      const t = trace(p);
      expect(segs(t, { since: 'crash', before: 'send' })).toEqual([]);
    });

    it(`${p}: the client's data reaches a host with no connection but a listener: c:P. s:R, seq = SEG.ACK (behaviour.md case 7; R2)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'send', before: 'reconnect' })).toBe('c:P. s:R');
      const data = one(t, { from: 'client', data: true });
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.seq).toBe(data.ack);
      expect(rst.reason).toBe('no-connection');
      expect(stateBefore(t, 'server', '5000', rst.t)).toBe('LISTEN');
    });

    it(`${p}: the client sees ECONNRESET, then EPIPE (R9)`, () => {
      const t = trace(p);
      expect(appSees(t, 'client', { since: 'send', before: 'reconnect' })).toEqual([
        'send:ok',
        'error:ECONNRESET',
        'recv:ECONNRESET',
        'send:EPIPE',
      ]);
    });

    it(`${p}: a new connect() works: c:S s:S. c:.`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'reconnect' })).toBe('c:S s:S. c:.');
      expect(results(t, 'client', 'connect', { since: 'reconnect' })).toEqual(['ok']);
    });
  }
});

scenario('client-reboot-same-port', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the reboot sends nothing; the new SYN from the same port has a new ISN`, () => {
      const t = trace(p);
      expect(segs(t, { during: 'reboot' })).toEqual([]);
      const oldSyn = first(t, { flags: 'S' });
      const newSyn = first(t, { flags: 'S', since: 'reconnect' });
      expect(newSyn.sport).toBe(oldSyn.sport);
      expect(newSyn.seq).not.toBe(oldSyn.seq);
    });

    it(`${p}: the server's ESTABLISHED socket answers the SYN with a challenge ACK (R10), and the client resets it with R, seq = SEG.ACK (R15)`, () => {
      const t = trace(p);
      const port = clientPort(t);
      expect(wire(t, { since: 'reconnect' })).toMatch(/^c:S s:\. c:R/);
      const ack = first(t, { from: 'server', since: 'reconnect' });
      expect(ack.flags).toEqual(['ACK']);
      expect(ack.reason).toBe('challenge-ack');
      expect(ack.seq).toBe(sndNxt(t, 'server', port, ack.t));
      expect(ack.ack).toBe(rcvNxt(t, 'server', port, step(t, 'reboot').t + EPS));
      const rst = first(t, { from: 'client', rst: true });
      expect(rst.flags).toEqual(['RST']);
      expect(rst.seq).toBe(ack.ack);
      expect(rst.reason).toBe('bad-ack');
      const sock = socketChanging(t, 'client', 'CLOSED>SYN-SENT', { since: 'reconnect' });
      expect(stateBefore(t, 'client', sock, rst.t + EPS)).toBe('SYN-SENT');
    });

    it(`${p}: the server's old connection is reset: its recv gets ECONNRESET (behaviour.md case 7, client reboots)`, () => {
      const t = trace(p);
      const old = socketOfCall(t, 'server', 'accept');
      expect(errors(t, 'server', { socket: old })).toEqual(['ECONNRESET']);
      expect(results(t, 'server', 'recv', { during: 'old-recv' })).toEqual(['ECONNRESET']);
    });
  }

  it('linux: on the wire, c:S s:. c:R c:S s:S. c:. — the retried SYN opens the new connection (behaviour.md case 7; RFC 9293 Figure 9)', () => {
    const t = trace('linux');
    expect(wire(t, { since: 'reconnect' })).toBe('c:S s:. c:R c:S s:S. c:.');
    const syns = segs(t, { flags: 'S', since: 'reconnect' });
    expect(syns[1]?.seq).toBe(syns[0]?.seq);
    expect(first(t, { flags: 'S.', since: 'reconnect' }).ack).toBe(add32(syns[1]?.seq ?? NaN, 1));
    expect(results(t, 'client', 'connect')).toEqual(['ok', 'ok']);
  });
});
