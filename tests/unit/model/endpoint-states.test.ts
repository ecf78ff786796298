/**
 * The endpoint chart, one describe per RFC 9293 state. Expected values are reference
 * checks against RFC 9293 §3.10 and the Linux behaviour in article/behaviour.md.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../../src/model/profiles.ts';
import {
  Bench,
  LOCAL_ISS,
  REMOTE_ISS,
  closeWait,
  closing,
  errors,
  established,
  finWait1,
  finWait2,
  lastAck,
  listen,
  results,
  segments,
  synReceived,
  synSent,
  timeWait,
} from './endpoint-harness.ts';

const rfc = PROFILES.rfc9293;

describe('CLOSED', () => {
  it('starts in CLOSED', () => {
    expect(new Bench().state).toBe('CLOSED');
  });
  it('connect() sends a SYN carrying the ISS and no ACK, and enters SYN-SENT (RFC 9293 §3.10.1)', () => {
    const b = new Bench();
    const out = segments(b.send({ type: 'CONNECT', timeout: null }));
    expect(b.state).toBe('SYN-SENT');
    expect(out).toEqual([expect.objectContaining({ ctl: 'syn', seq: LOCAL_ISS, ack: null, len: 0 })]);
  });
  it('recv() on a socket that never connected returns ENOTCONN', () => {
    expect(results(new Bench().send({ type: 'RECV' }))).toEqual(['recv:ENOTCONN']);
  });
  it('send() on a socket that never connected returns EPIPE (Linux sk_stream_wait_connect)', () => {
    expect(results(new Bench().send({ type: 'SEND', bytes: 1 }))).toEqual(['send:EPIPE']);
  });
});

describe('LISTEN', () => {
  it('a SYN moves it to SYN-RECEIVED and is answered with SYN+ACK, ack = SEG.SEQ + 1 (RFC 9293 §3.10.7.2)', () => {
    const b = listen();
    const out = segments(b.recv({ ctl: 'syn', seq: REMOTE_ISS, ack: null }));
    expect(b.state).toBe('SYN-RECEIVED');
    expect(out).toEqual([expect.objectContaining({ ctl: 'syn', seq: LOCAL_ISS, ack: REMOTE_ISS + 1 })]);
  });
  it('an ACK-bearing segment is answered with RST, seq = SEG.ACK, no ACK bit (R2)', () => {
    const b = listen();
    const out = segments(b.recv({ ctl: 'none', seq: 77, ack: 123456, len: 10 }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'rst', seq: 123456, ack: null })]);
    expect(b.state).toBe('LISTEN');
  });
  it('a RST gets no reply (R3)', () => {
    const b = listen();
    expect(segments(b.recv({ ctl: 'rst', seq: 1, ack: null }))).toEqual([]);
    expect(b.state).toBe('LISTEN');
  });
});

describe('SYN-SENT', () => {
  it('a SYN+ACK that acknowledges our SYN completes the handshake with an ACK (RFC 9293 §3.10.7.3)', () => {
    const b = synSent();
    const fx = b.recv({ ctl: 'syn', seq: REMOTE_ISS, ack: LOCAL_ISS + 1 });
    expect(b.state).toBe('ESTABLISHED');
    expect(segments(fx)).toEqual([expect.objectContaining({ ctl: 'none', seq: LOCAL_ISS + 1, ack: REMOTE_ISS + 1 })]);
    expect(results(fx)).toEqual(['connect:ok']);
  });
  it('a RST that acknowledges our SYN refuses the connection: ECONNREFUSED (R9)', () => {
    const b = synSent();
    const fx = b.recv({ ctl: 'rst', seq: 0, ack: LOCAL_ISS + 1 });
    expect(b.state).toBe('CLOSED');
    expect(results(fx)).toEqual(['connect:ECONNREFUSED']);
    expect(segments(fx)).toEqual([]);
  });
  it('an ACK for something never sent is answered RST seq = SEG.ACK and the socket stays (R15)', () => {
    const b = synSent();
    const out = segments(b.recv({ ctl: 'none', seq: 9000, ack: 424242 }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'rst', seq: 424242, ack: null })]);
    expect(b.state).toBe('SYN-SENT');
  });
  it('linux: after that bad ACK the SYN is retried about 10 ms later (TCP_TIMEOUT_MIN)', () => {
    const b = synSent();
    b.recv({ ctl: 'none', seq: 9000, ack: 424242 });
    expect(segments(b.advance(20_000))).toEqual([expect.objectContaining({ ctl: 'syn', retransmission: true })]);
  });
  it('rfc9293: the SYN waits for its normal retransmission timeout instead', () => {
    const b = synSent(rfc);
    b.recv({ ctl: 'none', seq: 9000, ack: 424242 });
    expect(segments(b.advance(20_000))).toEqual([]);
  });
  it('linux: with syn_retries 1 the SYN goes out at 0, 1 and 2 s and connect() fails ETIMEDOUT at 3 s, sending nothing more (s3_syn_retries_exhausted)', () => {
    const b = new Bench({ ...PROFILES.linux, synRetries: 1 });
    b.send({ type: 'CONNECT', timeout: null });
    const fx = b.advance(10_000_000);
    expect(segments(fx).map((s) => s.ctl)).toEqual(['syn', 'syn']);
    expect(results(fx)).toEqual(['connect:ETIMEDOUT']);
    expect(b.state).toBe('CLOSED');
  });
  it("the application's own connect timeout closes the socket quietly", () => {
    const b = new Bench();
    b.send({ type: 'CONNECT', timeout: 800_000 });
    const fx = b.advance(900_000);
    expect(b.state).toBe('CLOSED');
    expect(results(fx)).toEqual(['connect:ETIMEDOUT']);
    expect(segments(fx)).toEqual([]);
  });
  it('send() before the handshake completes returns EAGAIN (a non-blocking socket)', () => {
    expect(results(synSent().send({ type: 'SEND', bytes: 5 }))).toEqual(['send:EAGAIN']);
  });
});

describe('SYN-RECEIVED', () => {
  it('the ACK of our SYN moves it to ESTABLISHED (RFC 9293 §3.10.7.4)', () => {
    const b = synReceived();
    b.recv({ ack: LOCAL_ISS + 1 });
    expect(b.state).toBe('ESTABLISHED');
  });
  it('an ACK that acknowledges nothing we sent draws a RST with seq = SEG.ACK (RFC 9293 §3.10.7.4)', () => {
    const b = synReceived();
    const out = segments(b.recv({ ack: LOCAL_ISS + 999 }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'rst', seq: LOCAL_ISS + 999 })]);
  });
  it('a valid RST after a passive open drops the half-open connection quietly (R9)', () => {
    const b = synReceived();
    const fx = b.recv({ ctl: 'rst', ack: null });
    expect(b.state).toBe('CLOSED');
    expect(errors(fx)).toEqual([]);
  });
  it('a retransmitted SYN is answered with the SYN+ACK again', () => {
    const b = synReceived();
    const out = segments(b.recv({ ctl: 'syn', seq: REMOTE_ISS, ack: null }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'syn', ack: REMOTE_ISS + 1, retransmission: true })]);
  });
});

describe('ESTABLISHED', () => {
  it('in-order data is queued for the application and acknowledged', () => {
    const b = established();
    const out = segments(b.recv({ len: 100 }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'none', ack: REMOTE_ISS + 1 + 100, len: 0 })]);
    expect(results(b.send({ type: 'RECV' }))).toEqual(['recv:ok']);
  });
  it('send() transmits the bytes with the ACK bit', () => {
    const out = segments(established().send({ type: 'SEND', bytes: 10 }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'none', seq: LOCAL_ISS + 1, len: 10, ack: REMOTE_ISS + 1 })]);
  });
  it('a FIN moves it to CLOSE-WAIT; recv() then reads end of stream', () => {
    const b = established();
    b.recv({ ctl: 'fin' });
    expect(b.state).toBe('CLOSE-WAIT');
    expect(results(b.send({ type: 'RECV' }))).toEqual(['recv:eof']);
  });
  it('close() with nothing unread sends FIN and enters FIN-WAIT-1 (R7)', () => {
    const b = established();
    const out = segments(b.send({ type: 'CLOSE' }));
    expect(b.state).toBe('FIN-WAIT-1');
    expect(out).toEqual([expect.objectContaining({ ctl: 'fin', reason: 'close' })]);
  });
  it('close() with unread data sends RST+ACK instead of FIN on linux (R5)', () => {
    const b = established();
    b.recv({ len: 100 });
    const out = segments(b.send({ type: 'CLOSE' }));
    expect(b.state).toBe('CLOSED');
    expect(out).toEqual([
      expect.objectContaining({ ctl: 'rst', reason: 'close-unread-data', seq: LOCAL_ISS + 1, ack: REMOTE_ISS + 101 }),
    ]);
  });
  it('abort() sends RST+ACK with seq = SND.NXT on linux, and queued data never leaves (R4)', () => {
    const b = established();
    b.recv({ win: 0 });
    b.send({ type: 'SEND', bytes: 500 });
    const out = segments(b.send({ type: 'ABORT' }));
    expect(out).toEqual([
      expect.objectContaining({ ctl: 'rst', seq: LOCAL_ISS + 1, ack: REMOTE_ISS + 1, reason: 'abort' }),
    ]);
  });
  it('rfc9293: abort() sends RST without the ACK bit (§3.10.5)', () => {
    const out = segments(established(rfc).send({ type: 'ABORT' }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'rst', ack: null })]);
  });
  it('a RST with SEQ = RCV.NXT resets: ECONNRESET, reported once, then end of stream and EPIPE (R9)', () => {
    const b = established();
    const fx = b.recv({ ctl: 'rst', ack: null });
    expect(b.state).toBe('CLOSED');
    expect(errors(fx)).toEqual(['ECONNRESET']);
    expect(segments(fx)).toEqual([]);
    expect(results(b.send({ type: 'RECV' }))).toEqual(['recv:ECONNRESET']);
    expect(results(b.send({ type: 'RECV' }))).toEqual(['recv:eof']);
    expect(results(b.send({ type: 'SEND', bytes: 1 }))).toEqual(['send:EPIPE']);
  });
  it('a RST inside the window but not exact draws a challenge ACK and changes nothing (R10, RFC 5961 §3.2)', () => {
    const b = established();
    const out = segments(b.recv({ ctl: 'rst', seq: REMOTE_ISS + 1 + 1000, ack: null }));
    expect(b.state).toBe('ESTABLISHED');
    expect(out).toEqual([expect.objectContaining({ ctl: 'none', reason: 'challenge-ack', ack: REMOTE_ISS + 1 })]);
  });
  it('a RST outside the window is dropped silently (R10)', () => {
    const b = established();
    const out = segments(b.recv({ ctl: 'rst', seq: REMOTE_ISS + 2 ** 30, ack: null }));
    expect(b.state).toBe('ESTABLISHED');
    expect(out).toEqual([]);
  });
  it('a SYN draws a challenge ACK, not a RST (R10, RFC 5961 §4)', () => {
    const b = established();
    const out = segments(b.recv({ ctl: 'syn', seq: REMOTE_ISS + 5000, ack: null }));
    expect(b.state).toBe('ESTABLISHED');
    expect(out).toEqual([expect.objectContaining({ ctl: 'none', reason: 'challenge-ack' })]);
  });
  it('linux: bytes that arrived before a RST can still be read, then ECONNRESET (behaviour.md profiles)', () => {
    const b = established();
    b.recv({ len: 50 });
    b.recv({ ctl: 'rst', ack: null });
    expect(results(b.send({ type: 'RECV' }))).toEqual(['recv:ok']);
    expect(results(b.send({ type: 'RECV' }))).toEqual(['recv:ECONNRESET']);
  });
  it('rfc9293: a RST flushes the receive queue', () => {
    const b = established(rfc);
    b.recv({ len: 50 });
    b.recv({ ctl: 'rst', ack: null });
    expect(results(b.send({ type: 'RECV' }))).toEqual(['recv:ECONNRESET']);
  });
  it('linux: keepalive probes go one byte behind SND.UNA; unanswered ones end in RST+ACK and ETIMEDOUT (R12)', () => {
    const b = established();
    b.send({ type: 'KEEPALIVE', config: { idle: 1_000_000, interval: 1_000_000, count: 2 } });
    const fx = b.advance(3_500_000);
    const out = segments(fx);
    expect(out.slice(0, 2)).toEqual([
      expect.objectContaining({ ctl: 'none', seq: LOCAL_ISS, reason: 'keepalive-probe' }),
      expect.objectContaining({ ctl: 'none', seq: LOCAL_ISS, reason: 'keepalive-probe' }),
    ]);
    expect(out[2]).toEqual(expect.objectContaining({ ctl: 'rst', reason: 'keepalive-expired', ack: REMOTE_ISS + 1 }));
    expect(errors(fx)).toEqual(['ETIMEDOUT']);
    expect(b.state).toBe('CLOSED');
  });
  it('rfc9293: keepalive gives up without sending a RST', () => {
    const b = established(rfc);
    b.send({ type: 'KEEPALIVE', config: { idle: 1_000_000, interval: 1_000_000, count: 2 } });
    const fx = b.advance(3_500_000);
    expect(segments(fx).every((s) => s.ctl !== 'rst')).toBe(true);
    expect(errors(fx)).toEqual(['ETIMEDOUT']);
  });
  it('retransmission that gives up aborts silently with ETIMEDOUT (R11)', () => {
    const b = new Bench({ ...PROFILES.linux, retries2: 3 });
    b.send({ type: 'CONNECT', timeout: null });
    b.now += 100_000;
    b.recv({ ctl: 'syn', seq: REMOTE_ISS, ack: LOCAL_ISS + 1 });
    b.send({ type: 'SEND', bytes: 100 });
    const fx = b.advance(60_000_000);
    expect(segments(fx).length).toBeGreaterThanOrEqual(2);
    expect(segments(fx).every((s) => s.ctl === 'none' && s.retransmission)).toBe(true);
    expect(errors(fx)).toEqual(['ETIMEDOUT']);
    expect(b.state).toBe('CLOSED');
  });
});

describe('FIN-WAIT-1', () => {
  it('the ACK of our FIN moves it to FIN-WAIT-2', () => {
    const b = finWait1();
    b.recv({});
    expect(b.state).toBe('FIN-WAIT-2');
  });
  it('new data after close() is answered RST seq = SEG.ACK (R6)', () => {
    const b = finWait1();
    const out = segments(b.recv({ len: 10, ack: LOCAL_ISS + 1 }));
    expect(out).toEqual([
      expect.objectContaining({ ctl: 'rst', seq: LOCAL_ISS + 1, ack: null, reason: 'data-after-close' }),
    ]);
    expect(b.state).toBe('CLOSED');
  });
  it('a FIN that does not yet acknowledge ours leads to CLOSING', () => {
    expect(closing().state).toBe('CLOSING');
  });
  it('a FIN that also acknowledges ours leads straight to TIME-WAIT', () => {
    const b = finWait1();
    b.recv({ ctl: 'fin' });
    expect(b.state).toBe('TIME-WAIT');
  });
});

describe('FIN-WAIT-2', () => {
  it('a FIN moves it to TIME-WAIT and is acknowledged', () => {
    const b = finWait2();
    const out = segments(b.recv({ ctl: 'fin' }));
    expect(b.state).toBe('TIME-WAIT');
    expect(out).toEqual([expect.objectContaining({ ctl: 'none', ack: REMOTE_ISS + 2 })]);
  });
  it('linux: an orphan leaves after tcp_fin_timeout (60 s) without sending anything (R11)', () => {
    const b = finWait2();
    const fx = b.advance(61_000_000);
    expect(b.state).toBe('CLOSED');
    expect(segments(fx)).toEqual([]);
  });
  it('rfc9293: no FIN-WAIT-2 timeout is defined; the socket stays', () => {
    const b = finWait2(rfc);
    b.advance(3_600_000_000);
    expect(b.state).toBe('FIN-WAIT-2');
  });
  it('after shutdown(write) only, data still arrives and is acknowledged (half-close, R7)', () => {
    const b = established();
    b.send({ type: 'SHUTDOWN', how: 'write' });
    b.recv({});
    expect(b.state).toBe('FIN-WAIT-2');
    const out = segments(b.recv({ len: 5 }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'none', len: 0 })]);
    expect(results(b.send({ type: 'RECV' }))).toEqual(['recv:ok']);
  });
  it('a RST gives ECONNRESET, as in ESTABLISHED (x_rst_in_fin_wait2)', () => {
    const b = established();
    b.send({ type: 'SHUTDOWN', how: 'write' });
    b.recv({});
    expect(errors(b.recv({ ctl: 'rst', ack: null }))).toEqual(['ECONNRESET']);
  });
});

describe('CLOSE-WAIT', () => {
  it('close() sends FIN and enters LAST-ACK', () => {
    const b = closeWait();
    const out = segments(b.send({ type: 'CLOSE' }));
    expect(b.state).toBe('LAST-ACK');
    expect(out).toEqual([expect.objectContaining({ ctl: 'fin' })]);
  });
  it('linux: a RST here reports EPIPE, not ECONNRESET (tcp_reset)', () => {
    expect(errors(closeWait().recv({ ctl: 'rst', ack: null }))).toEqual(['EPIPE']);
  });
  it('rfc9293: a RST here reports connection reset', () => {
    expect(errors(closeWait(rfc).recv({ ctl: 'rst', ack: null }))).toEqual(['ECONNRESET']);
  });
  it('send() still works: the half-closed direction is ours', () => {
    expect(results(closeWait().send({ type: 'SEND', bytes: 3 }))).toEqual(['send:ok']);
  });
});

describe('CLOSING', () => {
  it('the ACK of our FIN moves it to TIME-WAIT', () => {
    const b = closing();
    b.recv({});
    expect(b.state).toBe('TIME-WAIT');
  });
});

describe('LAST-ACK', () => {
  it('the ACK of our FIN closes the connection', () => {
    const b = lastAck();
    b.recv({});
    expect(b.state).toBe('CLOSED');
  });
  it('rfc9293: abort() here sends nothing (§3.10.5)', () => {
    const b = lastAck(rfc);
    expect(segments(b.send({ type: 'ABORT' }))).toEqual([]);
  });
});

describe('TIME-WAIT', () => {
  it('linux: lasts 60 s, then CLOSED, with nothing sent', () => {
    const b = timeWait();
    expect(segments(b.advance(59_000_000))).toEqual([]);
    expect(b.state).toBe('TIME-WAIT');
    b.advance(2_000_000);
    expect(b.state).toBe('CLOSED');
  });
  it('rfc9293: lasts 2 MSL = 240 s', () => {
    const b = timeWait(rfc);
    b.advance(239_000_000);
    expect(b.state).toBe('TIME-WAIT');
    b.advance(2_000_000);
    expect(b.state).toBe('CLOSED');
  });
  it('a retransmitted FIN is acknowledged again, never reset', () => {
    const b = timeWait();
    const out = segments(b.recv({ ctl: 'fin', seq: REMOTE_ISS + 1 }));
    expect(out).toEqual([expect.objectContaining({ ctl: 'none', reason: 'time-wait-ack' })]);
  });
  it('a SYN it does not reopen for is answered with an ACK carrying the old numbers, not a RST (R13)', () => {
    const b = timeWait();
    const out = segments(b.recv({ ctl: 'syn', seq: REMOTE_ISS + 1, ack: null }));
    expect(out).toEqual([
      expect.objectContaining({ ctl: 'none', ack: REMOTE_ISS + 2, seq: LOCAL_ISS + 2, reason: 'time-wait-ack' }),
    ]);
  });
  it('a RST with SEQ = RCV.NXT ends TIME-WAIT (tcp_rfc1337=0, R13)', () => {
    const b = timeWait();
    b.recv({ ctl: 'rst', ack: null });
    expect(b.state).toBe('CLOSED');
  });
});

describe('ESTABLISHED, out-of-window answers (Linux tcp_invalid_ratelimit)', () => {
  it('linux: a second challenge within 500 ms gets no ACK (behaviour.md: the 500 ms per-socket challenge-ACK rate limit)', () => {
    const b = established();
    expect(segments(b.recv({ ctl: 'syn', seq: REMOTE_ISS + 5000, ack: null }))).toHaveLength(1);
    b.now += 100_000;
    const fx = b.recv({ ctl: 'syn', seq: REMOTE_ISS + 6000, ack: null });
    expect(segments(fx)).toEqual([]);
    expect(fx).toContainEqual({ type: 'drop', why: 'rate-limited' });
    b.now += 500_000;
    expect(segments(b.recv({ ctl: 'rst', seq: REMOTE_ISS + 1 + 1000, ack: null }))).toEqual([
      expect.objectContaining({ reason: 'challenge-ack' }),
    ]);
  });
  it('linux: data segments are exempt: each duplicate still gets its ACK', () => {
    const b = established();
    b.recv({ len: 10 });
    expect(segments(b.recv({ seq: REMOTE_ISS + 1, len: 10 }))).toHaveLength(1);
    expect(segments(b.recv({ seq: REMOTE_ISS + 1, len: 10 }))).toHaveLength(1);
  });
  it('rfc9293: no limit', () => {
    const b = established(rfc);
    expect(segments(b.recv({ ctl: 'syn', seq: REMOTE_ISS + 5000, ack: null }))).toHaveLength(1);
    expect(segments(b.recv({ ctl: 'syn', seq: REMOTE_ISS + 6000, ack: null }))).toHaveLength(1);
  });
});
