/**
 * Reference checks, behaviour.md section 3: connect timeouts. See common.ts for the rules they
 * follow.
 */
import { expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  add32,
  calls,
  errors,
  finalState,
  first,
  reached,
  results,
  rstsFrom,
  segs,
  socketOfCall,
  stateBefore,
  states,
  wire,
} from '../helpers.ts';
import { EPS, scenario } from './common.ts';

scenario('connect-timeout-late-synack', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the application's timeout closes the socket before any SYN-ACK arrives; connect() reports ETIMEDOUT and no SYN follows (setup; DESIGN connect timeout)`, () => {
      const t = trace(p);
      const sock = socketOfCall(t, 'client', 'connect');
      expect(results(t, 'client', 'connect')).toEqual(['ETIMEDOUT']);
      const firstSynAck = first(t, { flags: 'S.' });
      expect(stateBefore(t, 'client', sock, firstSynAck.arrival)).toBe('CLOSED');
      const closedAt = calls(t, 'client', 'connect')[0]?.t ?? NaN;
      expect(segs(t, { from: 'client', syn: true, after: closedAt })).toEqual([]);
    });

    it(`${p}: every late SYN-ACK is answered by the client host with R, seq = SEG.ACK (behaviour.md case 3: c:S … s:S. c:R; R1)`, () => {
      const t = trace(p);
      expect(wire(t)).toMatch(/^c:S .*s:S\. c:R/);
      const synAcks = segs(t, { flags: 'S.', delivered: true });
      const rsts = rstsFrom(t, 'client');
      expect(rsts).toHaveLength(synAcks.length);
      synAcks.forEach((sa, k) => {
        const r = rsts[k];
        expect(r?.flags).toEqual(['RST']);
        expect(r?.seq).toBe(sa.ack);
        expect(r?.t).toBeCloseTo(sa.arrival, 9);
        expect(r?.reason).toBe('no-connection');
      });
    });

    it(`${p}: the server's request socket is dropped quietly by the RST, nothing is sent back (R9 RST in SYN-RECEIVED from LISTEN, R3)`, () => {
      const t = trace(p);
      expect(states(t, 'server')).toContain('SYN-RECEIVED>CLOSED');
      expect(rstsFrom(t, 'server')).toEqual([]);
      expect(errors(t, 'server')).toEqual([]);
    });
  }
});

scenario('connect-timeout-socket-kept', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the socket kept in SYN-SENT keeps retrying its SYN (at least two SYNs) (capture s3_connect_timeout_socket_kept)`, () => {
      const t = trace(p);
      const syns = segs(t, { from: 'client', flags: 'S' });
      expect(syns.length).toBeGreaterThanOrEqual(2);
      for (const s of syns) expect(s.seq).toBe(syns[0]?.seq);
    });

    it(`${p}: the late SYN-ACK is ACKed and the connection opens; no RST (behaviour.md case 3, socket kept open)`, () => {
      const t = trace(p);
      const synAck = first(t, { flags: 'S.', delivered: true });
      const ack = first(t, { from: 'client', flags: '.', after: synAck.arrival - EPS });
      expect(ack.ack).toBe(add32(synAck.seq, 1));
      expect(results(t, 'client', 'connect')).toEqual(['ok']);
      expect(reached(t, 'client', 'ESTABLISHED')).toBe(true);
      expect(reached(t, 'server', 'ESTABLISHED')).toBe(true);
      expect(rstsFrom(t)).toEqual([]);
    });
  }
});

scenario('syn-retries-exhausted', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: only SYNs on the wire, at least two, all with the same ISN; the server sends nothing (behaviour.md case 3, SYN retries run out: c:S c:S c:S)`, () => {
      const t = trace(p);
      const sent = segs(t);
      expect(sent.length).toBeGreaterThanOrEqual(2);
      for (const s of sent) {
        expect(s.from).toBe('client');
        expect(s.flags).toEqual(['SYN']);
        expect(s.seq).toBe(sent[0]?.seq);
      }
    });

    it(`${p}: connect() fails with ETIMEDOUT and nothing is sent when the timer gives up, no RST (R11: "wrong: no RST")`, () => {
      const t = trace(p);
      const c = calls(t, 'client', 'connect');
      expect(c.map((e) => e.result)).toEqual(['ETIMEDOUT']);
      expect(segs(t, { after: c[0]?.t ?? NaN })).toEqual([]);
      expect(rstsFrom(t)).toEqual([]);
      expect(finalState(t, 'client', c[0]?.socket ?? '')).toBe('CLOSED');
    });
  }
});
