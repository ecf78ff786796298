/** Hand-built traces: a refused connection, and a handshake with a lost, retransmitted data segment. */
import type { Trace, TraceEvent, TraceSegment, TraceStep } from '../../../src/model/trace.ts';

/** A segment is a template plus the fields that differ (as smoltcp's tests build theirs). */
export function segment(fields: Partial<TraceSegment> & Pick<TraceSegment, 'i' | 't' | 'step'>): TraceSegment {
  return {
    arrival: fields.t + 0.05,
    from: 'client',
    to: 'server',
    sport: 40000,
    dport: 80,
    flags: ['ACK'],
    seq: 0,
    ack: null,
    len: 0,
    win: 64240,
    delivered: true,
    reason: 'ack',
    ...fields,
  };
}

function step(
  index: number,
  t: number,
  text: string,
  firstSegment: number,
  firstEvent: number,
  label?: string,
): TraceStep {
  return { index, t, text, firstSegment, firstEvent, ...(label === undefined ? {} : { label }) };
}

export const CLIENT_ISN = 1204331;

/** `client: connect server:80` with nobody listening: SYN, then RST,ACK with SEQ=0. */
export function refusedTrace(): Trace {
  return {
    scenario: 'refused',
    profile: 'linux',
    hosts: ['client', 'server'],
    segments: [
      segment({ i: 0, t: 0, step: 1, flags: ['SYN'], seq: CLIENT_ISN, reason: 'handshake' }),
      segment({
        i: 1,
        t: 0.05,
        step: 1,
        from: 'server',
        to: 'client',
        sport: 80,
        dport: 40000,
        flags: ['RST', 'ACK'],
        seq: 0,
        ack: CLIENT_ISN + 1,
        win: 0,
        reason: 'no-listener',
      }),
    ],
    events: [
      { t: 0, step: 1, host: 'client', socket: '40000', kind: 'state', from: 'CLOSED', to: 'SYN-SENT' },
      { t: 0.1, step: 1, host: 'client', socket: '40000', kind: 'state', from: 'SYN-SENT', to: 'CLOSED' },
      { t: 0.1, step: 1, host: 'client', socket: '40000', kind: 'call', call: 'connect', result: 'ECONNREFUSED' },
    ],
    steps: [step(1, 0, 'client: connect server:80', 0, 0)],
    isn: { 'client:40000>server:80': [{ t: 0, isn: CLIENT_ISN }] },
  };
}

/** The server's ISN sits 6 below 2^32 so its sequence numbers wrap after 5 bytes of data. */
export const SERVER_ISN = 4294967290;
const C = 1000;

const FROM_SERVER = { from: 'server', to: 'client', sport: 80, dport: 40000 } as const;

/** Handshake; the client's 100 bytes are lost and retransmitted; the server sends 10; the client aborts. */
export function lossyTrace(): Trace {
  const segments: TraceSegment[] = [
    segment({ i: 0, t: 0, step: 2, flags: ['SYN'], seq: C, reason: 'handshake' }),
    segment({
      i: 1,
      t: 0.05,
      step: 2,
      ...FROM_SERVER,
      flags: ['SYN', 'ACK'],
      seq: SERVER_ISN,
      ack: C + 1,
      win: 65160,
      reason: 'handshake',
    }),
    segment({ i: 2, t: 0.1, step: 2, seq: C + 1, ack: SERVER_ISN + 1, reason: 'handshake' }),
    segment({
      i: 3,
      t: 0.15,
      step: 4,
      flags: ['PSH', 'ACK'],
      seq: C + 1,
      ack: SERVER_ISN + 1,
      len: 100,
      delivered: false,
      reason: 'data',
    }),
    segment({
      i: 4,
      t: 1.15,
      step: 5,
      flags: ['PSH', 'ACK'],
      seq: C + 1,
      ack: SERVER_ISN + 1,
      len: 100,
      reason: 'data',
      retransmission: true,
    }),
    segment({ i: 5, t: 1.2, step: 5, ...FROM_SERVER, seq: SERVER_ISN + 1, ack: C + 101, win: 262144 }),
    segment({
      i: 6,
      t: 2.15,
      step: 6,
      ...FROM_SERVER,
      flags: ['PSH', 'ACK'],
      seq: SERVER_ISN + 1,
      ack: C + 101,
      len: 10,
      reason: 'data',
    }),
    segment({ i: 7, t: 2.2, step: 6, seq: C + 101, ack: (SERVER_ISN + 11) >>> 0 }),
    segment({
      i: 8,
      t: 2.25,
      step: 7,
      flags: ['RST', 'ACK'],
      seq: C + 101,
      ack: (SERVER_ISN + 11) >>> 0,
      win: 0,
      reason: 'abort',
    }),
  ];
  const events: TraceEvent[] = [
    { t: 0, step: 1, host: 'server', socket: '80', kind: 'state', from: 'CLOSED', to: 'LISTEN' },
    { t: 0, step: 2, host: 'client', socket: '40000', kind: 'state', from: 'CLOSED', to: 'SYN-SENT' },
    { t: 0.05, step: 2, host: 'server', socket: '80#1', kind: 'state', from: 'LISTEN', to: 'SYN-RECEIVED' },
    { t: 0.1, step: 2, host: 'client', socket: '40000', kind: 'state', from: 'SYN-SENT', to: 'ESTABLISHED' },
    { t: 0.1, step: 2, host: 'client', socket: '40000', kind: 'call', call: 'connect', result: 'ok' },
    { t: 0.15, step: 2, host: 'server', socket: '80#1', kind: 'state', from: 'SYN-RECEIVED', to: 'ESTABLISHED' },
    { t: 0.15, step: 4, host: 'client', socket: '40000', kind: 'call', call: 'send', result: 'ok', bytes: 100 },
    { t: 0.2, step: 4, host: 'server', kind: 'drop', why: 'drop-next', segment: 3 },
    { t: 1.15, step: 5, host: 'client', socket: '40000', kind: 'timer', timer: 'retransmit' },
    { t: 2.15, step: 6, host: 'server', socket: '80#1', kind: 'call', call: 'send', result: 'ok', bytes: 10 },
    { t: 2.25, step: 7, host: 'client', socket: '40000', kind: 'state', from: 'ESTABLISHED', to: 'CLOSED' },
    { t: 2.3, step: 7, host: 'server', socket: '80#1', kind: 'error', errno: 'ECONNRESET' },
    { t: 2.3, step: 7, host: 'server', socket: '80#1', kind: 'state', from: 'ESTABLISHED', to: 'CLOSED' },
    { t: 2.3, step: 8, host: 'server', kind: 'host', what: 'crash' },
  ];
  return {
    scenario: 'lossy-data',
    profile: 'rfc9293',
    hosts: ['client', 'server'],
    segments,
    events,
    steps: [
      step(1, 0, 'server: listen 80', 0, 0),
      step(2, 0, 'client: connect server:80', 0, 1),
      step(3, 0.15, 'network: drop next client->server', 3, 6, 'lossy'),
      step(4, 0.15, 'client: send 100', 3, 6),
      step(5, 0.2, 'wait: 2s', 4, 8),
      step(6, 2.15, 'server: send 10', 6, 9),
      step(7, 2.25, 'client: abort', 8, 10),
      step(8, 2.3, 'server: crash', 9, 13),
    ],
    isn: { 'client:40000>server:80': [{ t: 0, isn: C }], 'server:80>client:40000': [{ t: 0, isn: SERVER_ISN }] },
  };
}
