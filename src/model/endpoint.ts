/**
 * One socket's statechart: the eleven states of RFC 9293 §3.3.2, its calls, arriving
 * segments and timers. States refer to guards and actions by name, so the chart reads as a
 * table; the arithmetic lives in tcb.ts. Timers are XState delays, so the chart decides when
 * they fire and the simulator only supplies the clock.
 */
import { assign, enqueueActions, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { KeepaliveConfig } from './profiles.ts';
import type { Micros, ShutdownHow } from './scenario.ts';
import { resetFor, type Segment } from './segment.ts';
import type { TcpState } from './states.ts';
import * as tcb from './tcb.ts';
import type { Effect, EndpointInput, Tcb, Work } from './tcb.ts';
import type { Reason } from './trace.ts';

export type EndpointEvent =
  | { type: 'CONNECT'; at: Micros; timeout: Micros | null }
  | { type: 'LISTEN'; at: Micros }
  | { type: 'SEND'; at: Micros; bytes: number }
  | { type: 'RECV'; at: Micros; bytes?: number }
  /** close(); `reason` labels the FIN when the kernel closes for an exiting process. */
  | { type: 'CLOSE'; at: Micros; reason?: Reason }
  | { type: 'SHUTDOWN'; at: Micros; how: ShutdownHow }
  /** SO_LINGER {on, 0} then close(); `reason` when the kernel aborts (a listener closing). */
  | { type: 'ABORT'; at: Micros; reason?: Reason }
  | { type: 'LINGER'; at: Micros; timeout: Micros }
  | { type: 'KEEPALIVE'; at: Micros; config: KeepaliveConfig }
  | { type: 'SEGMENT'; at: Micros; seg: Segment }
  | { type: 'RTO'; at: Micros }
  | { type: 'KEEPALIVE_TIMER'; at: Micros };

export type EndpointEmitted = Effect & { type: 'segment' | 'result' | 'error' | 'timer' | 'drop' | 'released' };

/** The segment of a SEGMENT event (guards and actions below are only wired to SEGMENT). */
function seg(event: EndpointEvent): Segment {
  if (event.type !== 'SEGMENT') throw new Error(`expected SEGMENT, got ${event.type}`);
  return event.seg;
}

/** When an event happened; XState's own delayed events carry no time and need none. */
function at(event: EndpointEvent | { type: string }): Micros {
  return 'at' in event && typeof event.at === 'number' ? event.at : 0;
}

const TIMER_EVENTS = { rto: 'RTO', keepalive: 'KEEPALIVE_TIMER' } as const;

/** An action that runs a piece of TCB work and turns its effects into XState actions. */
function work(body: (w: Work, event: EndpointEvent, state: TcpState) => void) {
  return enqueueActions<Tcb, EndpointEvent, undefined, EndpointEvent, never, never, never, never, EndpointEmitted>(
    ({ context, event, enqueue }) => {
      const w = tcb.begin(context, at(event));
      body(w, event as EndpointEvent, context.state);
      // Assign only the fields that changed: most transitions touch a handful of the TCB's.
      const changed: Partial<Tcb> = {};
      let any = false;
      for (const key in w.t) {
        const k = key as keyof Tcb;
        if (w.t[k] !== context[k]) {
          (changed as Record<string, unknown>)[k] = w.t[k];
          any = true;
        }
      }
      if (any) enqueue.assign(() => changed);
      for (const fx of w.fx) {
        if (fx.type === 'arm') {
          enqueue.raise({ type: TIMER_EVENTS[fx.timer], at: fx.due }, { id: fx.timer, delay: fx.delay });
        } else if (fx.type === 'disarm') {
          enqueue.cancel(fx.timer);
        } else {
          enqueue.emit(fx as EndpointEmitted);
        }
      }
    },
  );
}

/** The application's own close() or abort() returns ok; a close the kernel makes for a dead process returns nothing. */
function closed(w: Work, e: EndpointEvent): void {
  if ((e.type === 'CLOSE' || e.type === 'ABORT') && e.reason === undefined)
    tcb.result(w, e.type === 'ABORT' ? 'abort' : 'close', 'ok');
}

export const endpointMachine = setup({
  types: {
    context: {} as Tcb,
    events: {} as EndpointEvent,
    input: {} as EndpointInput,
    emitted: {} as EndpointEmitted,
  },
  delays: {
    timeWait: ({ context }) => context.p.timeWait,
    /** Only an orphan times out of FIN-WAIT-2 (Linux tcp_fin_timeout); RFC 9293 sets no limit. */
    finWait2: ({ context }) => (context.orphan && context.p.finTimeout !== null ? context.p.finTimeout : Infinity),
    connectTimeout: ({ context }) => context.connectTimeout ?? Infinity,
  },
  guards: {
    isRst: ({ event }) => seg(event).ctl === 'rst',
    isSyn: ({ event }) => seg(event).ctl === 'syn',
    hasAck: ({ event }) => seg(event).ack !== null,
    noAck: ({ event }) => seg(event).ack === null,
    rstExact: ({ context, event }) => tcb.rstExact(context, seg(event)),
    rstInWindow: ({ context, event }) => tcb.rstInWindow(context, seg(event)),
    unacceptable: ({ context, event }) => !tcb.acceptable(context, seg(event)),
    ackTooNew: ({ context, event }) => tcb.ackTooNew(context, seg(event)),
    synSentAckBad: ({ context, event }) => tcb.synSentAckBad(context, seg(event)),
    /** SYN-SENT: a RST is acceptable if it acknowledges our SYN (RFC 9293 §3.10.7.3). */
    synSentRstAcceptable: ({ context, event }) => seg(event).ctl === 'rst' && seg(event).ack === context.sndNxt,
    synAckGood: ({ context, event }) => seg(event).ctl === 'syn' && seg(event).ack === context.sndNxt,
    ackAdvances: ({ context, event }) => tcb.ackAdvances(context, seg(event)),
    duplicateSyn: ({ context, event }) => seg(event).ctl === 'syn' && seg(event).seq === context.irs,
    handshakeAckWithFin: ({ context, event }) =>
      tcb.ackAdvances(context, seg(event)) && tcb.finIsNext(context, seg(event)),
    finIsNext: ({ context, event }) => tcb.finIsNext(context, seg(event)),
    finAcked: ({ context, event }) => tcb.acksOurFin(context, seg(event)),
    finAckedAndFinIsNext: ({ context, event }) =>
      tcb.acksOurFin(context, seg(event)) && tcb.finIsNext(context, seg(event)),
    /** R6: new data after close() or shutdown(both) (RFC 2525 §2.16; Linux tcp_rcv_state_process). */
    dataAfterClose: ({ context, event }) => context.rdShut && context.wrShut && tcb.carriesNewData(context, seg(event)),
    /** TIME-WAIT: an in-order bare ACK only refreshes the timer (Linux tcp_timewait_state_process). */
    bareAckInOrder: ({ context, event }) => {
      const s = seg(event);
      return s.ctl === 'none' && s.len === 0 && s.seq === context.rcvNxt;
    },
    isFin: ({ event }) => seg(event).ctl === 'fin',
    unread: ({ context }) => context.recvQueue > 0,
    lingerZero: ({ context, event }) => event.type === 'ABORT' || context.linger === 0,
    writeSide: ({ event }) => event.type === 'SHUTDOWN' && event.how !== 'read',
    retriesExhausted: ({ context, event }) => tcb.retriesExhausted(context, context.state, at(event)),
    /** A socket is connected once: a second connect() on it is EISCONN. */
    fresh: ({ context }) => !context.done && !context.synchronized,
    keepaliveExhausted: ({ context }) => context.keepalive !== null && context.probesOut >= context.keepalive.count,
    dataInFlight: ({ context }) => context.flight.length > 0,
  },
  actions: {
    /** Remember the state on entry, so that actions know where an event arrived. */
    enter: assign((_, params: { state: TcpState }) => ({ state: params.state })),
    // ── calls ──
    openActive: work((w, e) => {
      if (e.type !== 'CONNECT') return;
      w.t.connecting = true;
      w.t.connectTimeout = e.timeout;
      tcb.sendSyn(w);
      tcb.startHandshake(w);
    }),
    openPassive: work((w) => tcb.result(w, 'listen', 'ok')),
    send: work((w, e, state) => {
      if (e.type !== 'SEND') return;
      const t = w.t;
      if (t.soError) {
        tcb.result(w, 'send', t.soError);
        t.soError = null;
      } else if (t.wrShut || t.done) tcb.result(w, 'send', 'EPIPE');
      else if (state === 'ESTABLISHED' || state === 'CLOSE-WAIT') {
        t.sendQueue += e.bytes;
        tcb.result(w, 'send', 'ok', e.bytes);
        tcb.pump(w);
      } else if (state === 'SYN-SENT' || state === 'SYN-RECEIVED') tcb.result(w, 'send', 'EAGAIN');
      else tcb.result(w, 'send', 'EPIPE');
    }),
    recv: work((w, e, state) => {
      if (e.type !== 'RECV') return;
      const t = w.t;
      if (t.recvQueue > 0) {
        const n = Math.min(e.bytes ?? t.recvQueue, t.recvQueue);
        const before = tcb.rcvWnd(t);
        t.recvQueue -= n;
        tcb.result(w, 'recv', 'ok', n);
        // Window update once a nearly closed window reopens (Linux tcp_cleanup_rbuf()).
        const reopened = before < t.p.rcvBuf / 2 && tcb.rcvWnd(t) >= t.p.rcvBuf / 2;
        if (reopened && !t.done && (state === 'ESTABLISHED' || state === 'FIN-WAIT-1' || state === 'FIN-WAIT-2'))
          tcb.sendAck(w);
      } else if (t.peerFin) tcb.result(w, 'recv', 'eof');
      else if (t.soError) {
        tcb.result(w, 'recv', t.soError);
        t.soError = null;
      } else if (t.done || t.rdShut) tcb.result(w, 'recv', 'eof');
      else if (state === 'LISTEN' || state === 'CLOSED') tcb.result(w, 'recv', 'ENOTCONN');
      else tcb.result(w, 'recv', 'EAGAIN');
    }),
    setLinger: work((w, e) => {
      if (e.type !== 'LINGER') return;
      w.t.linger = e.timeout;
      tcb.result(w, 'linger', 'ok');
    }),
    setKeepalive: work((w, e, state) => {
      if (e.type !== 'KEEPALIVE') return;
      w.t.keepalive = e.config;
      w.t.probesOut = 0;
      tcb.result(w, 'keepalive', 'ok');
      if (state === 'ESTABLISHED' || state === 'CLOSE-WAIT') tcb.armKeepalive(w);
    }),
    closeOk: work((w, e) => closed(w, e)),
    closeQuietly: work((w, e) => {
      w.t.orphan = true;
      w.t.connecting = false;
      tcb.finish(w);
      closed(w, e);
    }),
    /** close() with FIN after queued data (R7; R8 for an exiting process). */
    closeWithFin: work((w, e) => {
      w.t.orphan = true;
      w.t.rdShut = true;
      closed(w, e);
      tcb.queueFin(w, (e.type === 'CLOSE' && e.reason) || 'close');
    }),
    /** R5: close() with unread received data sends a reset instead of FIN (RFC 1122 §4.2.2.13). */
    resetUnread: work((w, e) => {
      w.t.orphan = true;
      closed(w, e);
      tcb.sendActiveReset(w, 'close-unread-data');
      tcb.finish(w);
    }),
    /** R4: abort discards queued data and resets, from the states the profile says. */
    abortReset: work((w, e, state) => {
      w.t.orphan = true;
      closed(w, e);
      const reason = (e.type === 'ABORT' && e.reason) || 'abort';
      if (w.t.p.abortResetStates.has(state)) tcb.sendActiveReset(w, reason);
      tcb.finish(w);
    }),
    orphan: work((w, e) => {
      w.t.orphan = true;
      w.t.rdShut = true;
      closed(w, e);
    }),
    shutdownWrite: work((w, e) => {
      if (e.type !== 'SHUTDOWN') return;
      if (e.how === 'both') w.t.rdShut = true;
      tcb.result(w, 'shutdown', 'ok');
      tcb.queueFin(w, 'shutdown');
    }),
    shutdownRead: work((w, e) => {
      if (e.type !== 'SHUTDOWN') return;
      if (e.how !== 'write') w.t.rdShut = true;
      tcb.result(w, 'shutdown', 'ok');
    }),
    notConnected: work((w, e) => {
      if (e.type === 'SHUTDOWN') tcb.result(w, 'shutdown', 'ENOTCONN');
    }),
    alreadyConnected: work((w) => tcb.result(w, 'connect', 'EISCONN')),
    invalid: work((w, e) => {
      if (e.type === 'LISTEN') tcb.result(w, 'listen', 'EINVAL');
    }),

    // ── segments ──
    takeSyn: work((w, e) => {
      tcb.takeSyn(w, seg(e));
      tcb.sendSynAck(w);
      tcb.startHandshake(w);
    }),
    completeActiveOpen: work((w, e) => {
      const s = seg(e);
      tcb.takeSyn(w, s);
      tcb.established(w, s);
      tcb.sendAck(w, 'handshake');
      tcb.pump(w);
    }),
    simultaneousOpen: work((w, e) => {
      tcb.takeSyn(w, seg(e));
      tcb.sendSynAck(w);
    }),
    completePassiveOpen: work((w, e) => {
      const s = seg(e);
      tcb.established(w, s);
      tcb.receive(w, s);
    }),
    resendSynAck: work((w) => tcb.sendSynAck(w, true)),
    receive: work((w, e) => tcb.receive(w, seg(e))),
    /** R15 / R2: an ACK for something never sent is answered <SEQ=SEG.ACK><CTL=RST>. */
    resetBadAck: work((w, e, state) => {
      const s = seg(e);
      const out = resetFor(s, state === 'LISTEN' ? 'no-connection' : 'bad-ack');
      if (out) w.fx.push({ type: 'segment', out });
      const retry = w.t.p.synSentBadAckRetry;
      if (state === 'SYN-SENT' && retry !== null && w.t.retransmits === 0) tcb.arm(w, 'rto', retry);
    }),
    refused: work((w) => {
      tcb.fail(w, 'ECONNREFUSED');
      tcb.finish(w);
    }),
    /** R9: a valid RST ends the connection; the application hears of it once. */
    resetByPeer: work((w, _e, state) => {
      const t = w.t;
      if (!t.p.resetKeepsReceivedData) t.recvQueue = 0;
      if (state === 'SYN-RECEIVED' && t.passive) {
        tcb.finish(w);
        return;
      }
      tcb.fail(
        w,
        state === 'SYN-RECEIVED' ? 'ECONNREFUSED' : state === 'CLOSE-WAIT' ? t.p.resetInCloseWait : 'ECONNRESET',
      );
      tcb.finish(w);
    }),
    /** RFC 5961 §3.2 and §4.2: answer a suspicious RST or SYN with an ACK that shows where we are. */
    challengeAck: work((w, e) => tcb.outOfWindowAck(w, seg(e), 'challenge-ack', true)),
    dropOutOfWindow: work((w) => tcb.drop(w, 'out-of-window')),
    dropRst: work((w) => tcb.drop(w, 'rst-no-reply')),
    dropSilently: work((w) => tcb.drop(w, 'not-acceptable')),
    /** RFC 9293 §3.10.7.4: an unacceptable segment gets an ACK and is dropped. */
    ackUnacceptable: work((w, e) => {
      tcb.outOfWindowAck(w, seg(e), 'ack', false);
      tcb.drop(w, 'not-acceptable');
    }),
    resetDataAfterClose: work((w, e) => {
      const out = resetFor(seg(e), 'data-after-close');
      if (out) w.fx.push({ type: 'segment', out });
      tcb.fail(w, 'ECONNRESET');
      tcb.finish(w);
    }),
    timeWaitAck: work((w, e) => {
      const reason = seg(e).ctl === 'syn' ? w.t.p.timeWaitSynReply : 'time-wait-ack';
      tcb.outOfWindowAck(w, seg(e), reason, false);
    }),

    // ── timers ──
    retransmit: work((w, _e, state) => tcb.retransmit(w, state)),
    /** R11: the retransmission timer gives up silently; ETIMEDOUT for the application. */
    giveUp: work((w, _e, state) => {
      tcb.timerFired(w, state === 'SYN-SENT' ? 'syn' : state === 'SYN-RECEIVED' ? 'synack' : 'retransmit');
      if (!(state === 'SYN-RECEIVED' && w.t.passive)) tcb.fail(w, 'ETIMEDOUT');
      tcb.finish(w);
    }),
    keepaliveRearm: work((w) => tcb.armKeepalive(w)),
    keepaliveProbe: work((w) => {
      const t = w.t;
      tcb.timerFired(w, 'keepalive');
      t.probesOut += 1;
      // A probe is an ACK one byte behind SND.UNA: the peer must answer it (RFC 1122 §4.2.3.6).
      tcb.transmit(w, 'none', (t.sndUna - 1) >>> 0, t.rcvNxt, 0, 'keepalive-probe');
      if (t.keepalive) tcb.arm(w, 'keepalive', t.keepalive.interval);
    }),
    /** R12: Linux resets when keepalive gives up; the RFCs just drop the connection. */
    keepaliveGiveUp: work((w) => {
      tcb.timerFired(w, 'keepalive');
      if (w.t.p.keepaliveGivesUpWithReset) tcb.sendActiveReset(w, 'keepalive-expired');
      tcb.fail(w, 'ETIMEDOUT');
      tcb.finish(w);
    }),
    timeWaitOver: work((w) => tcb.timerFired(w, 'time-wait')),
    finWait2Over: work((w) => {
      tcb.timerFired(w, 'fin-wait-2');
      tcb.finish(w);
    }),
    /** The application's own connect timeout: it stops waiting and closes the socket. */
    connectTimedOut: work((w) => {
      tcb.timerFired(w, 'connect');
      tcb.fail(w, 'ETIMEDOUT');
      w.t.orphan = true;
      w.fx.push({ type: 'released' });
      tcb.finish(w);
    }),
  },
}).createMachine({
  id: 'endpoint',
  context: ({ input }) => tcb.newTcb(input),
  initial: 'CLOSED',
  on: {
    SEND: { actions: 'send' },
    RECV: { actions: 'recv' },
    LINGER: { actions: 'setLinger' },
    KEEPALIVE: { actions: 'setKeepalive' },
  },
  states: {
    CLOSED: {
      entry: { type: 'enter', params: { state: 'CLOSED' } },
      on: {
        CONNECT: [{ guard: 'fresh', target: 'SYN-SENT', actions: 'openActive' }, { actions: 'alreadyConnected' }],
        LISTEN: { target: 'LISTEN', actions: 'openPassive' },
        CLOSE: { actions: 'closeOk' },
        ABORT: { actions: 'closeOk' },
        SHUTDOWN: { actions: 'notConnected' },
        SEGMENT: { actions: 'dropSilently' },
      },
    },
    LISTEN: {
      entry: { type: 'enter', params: { state: 'LISTEN' } },
      on: {
        SEGMENT: [
          { guard: 'isRst', actions: 'dropRst' },
          { guard: 'hasAck', actions: 'resetBadAck' },
          { guard: 'isSyn', target: 'SYN-RECEIVED', actions: 'takeSyn' },
          { actions: 'dropSilently' },
        ],
        CLOSE: { target: 'CLOSED', actions: 'closeQuietly' },
        ABORT: { target: 'CLOSED', actions: 'closeQuietly' },
        SHUTDOWN: { actions: 'notConnected' },
        CONNECT: { actions: 'alreadyConnected' },
        LISTEN: { actions: 'invalid' },
      },
    },
    'SYN-SENT': {
      entry: { type: 'enter', params: { state: 'SYN-SENT' } },
      after: { connectTimeout: { target: 'CLOSED', actions: 'connectTimedOut' } },
      on: {
        SEGMENT: [
          { guard: 'synSentRstAcceptable', target: 'CLOSED', actions: 'refused' },
          { guard: 'isRst', actions: 'dropRst' },
          { guard: 'synSentAckBad', actions: 'resetBadAck' },
          { guard: 'synAckGood', target: 'ESTABLISHED', actions: 'completeActiveOpen' },
          { guard: 'isSyn', target: 'SYN-RECEIVED', actions: 'simultaneousOpen' },
          { actions: 'dropSilently' },
        ],
        RTO: [{ guard: 'retriesExhausted', target: 'CLOSED', actions: 'giveUp' }, { actions: 'retransmit' }],
        CLOSE: { target: 'CLOSED', actions: 'closeQuietly' },
        ABORT: { target: 'CLOSED', actions: 'closeQuietly' },
        SHUTDOWN: [{ guard: 'writeSide', target: 'CLOSED', actions: 'closeQuietly' }, { actions: 'shutdownRead' }],
      },
    },
    'SYN-RECEIVED': {
      entry: { type: 'enter', params: { state: 'SYN-RECEIVED' } },
      on: {
        SEGMENT: [
          { guard: 'rstExact', target: 'CLOSED', actions: 'resetByPeer' },
          { guard: 'rstInWindow', actions: 'challengeAck' },
          { guard: 'isRst', actions: 'dropOutOfWindow' },
          { guard: 'duplicateSyn', actions: 'resendSynAck' },
          { guard: 'isSyn', actions: 'challengeAck' },
          { guard: 'unacceptable', actions: 'ackUnacceptable' },
          { guard: 'handshakeAckWithFin', target: 'CLOSE-WAIT', actions: 'completePassiveOpen' },
          { guard: 'ackAdvances', target: 'ESTABLISHED', actions: 'completePassiveOpen' },
          { guard: 'hasAck', actions: 'resetBadAck' },
          { actions: 'dropSilently' },
        ],
        RTO: [{ guard: 'retriesExhausted', target: 'CLOSED', actions: 'giveUp' }, { actions: 'retransmit' }],
        CLOSE: [
          { guard: 'lingerZero', target: 'CLOSED', actions: 'abortReset' },
          { target: 'FIN-WAIT-1', actions: 'closeWithFin' },
        ],
        ABORT: { target: 'CLOSED', actions: 'abortReset' },
        SHUTDOWN: { actions: 'shutdownRead' },
      },
    },
    ESTABLISHED: {
      entry: { type: 'enter', params: { state: 'ESTABLISHED' } },
      on: {
        SEGMENT: [
          ...synchronizedChecks(),
          { guard: 'finIsNext', target: 'CLOSE-WAIT', actions: 'receive' },
          { actions: 'receive' },
        ],
        RTO: retransmitOrGiveUp(),
        KEEPALIVE_TIMER: keepaliveTimer(),
        CLOSE: closeOrReset('FIN-WAIT-1'),
        ABORT: closeOrReset('FIN-WAIT-1'),
        SHUTDOWN: [{ guard: 'writeSide', target: 'FIN-WAIT-1', actions: 'shutdownWrite' }, { actions: 'shutdownRead' }],
        CONNECT: { actions: 'alreadyConnected' },
      },
    },
    'FIN-WAIT-1': {
      entry: { type: 'enter', params: { state: 'FIN-WAIT-1' } },
      on: {
        SEGMENT: [
          ...synchronizedChecks(),
          { guard: 'dataAfterClose', target: 'CLOSED', actions: 'resetDataAfterClose' },
          { guard: 'finAckedAndFinIsNext', target: 'TIME-WAIT', actions: 'receive' },
          { guard: 'finAcked', target: 'FIN-WAIT-2', actions: 'receive' },
          { guard: 'finIsNext', target: 'CLOSING', actions: 'receive' },
          { actions: 'receive' },
        ],
        RTO: retransmitOrGiveUp(),
        CLOSE: closeOrOrphan(),
        ABORT: closeOrOrphan(),
        SHUTDOWN: { actions: 'shutdownRead' },
        CONNECT: { actions: 'alreadyConnected' },
      },
    },
    'FIN-WAIT-2': {
      entry: { type: 'enter', params: { state: 'FIN-WAIT-2' } },
      after: { finWait2: { target: 'CLOSED', actions: 'finWait2Over' } },
      on: {
        SEGMENT: [
          ...synchronizedChecks(),
          { guard: 'dataAfterClose', target: 'CLOSED', actions: 'resetDataAfterClose' },
          { guard: 'finIsNext', target: 'TIME-WAIT', actions: 'receive' },
          { actions: 'receive' },
        ],
        // close() re-enters the state so that the orphan's FIN-WAIT-2 timer starts now.
        CLOSE: [...closeOrOrphan().slice(0, 2), { target: 'FIN-WAIT-2', reenter: true, actions: 'orphan' }],
        ABORT: closeOrOrphan(),
        SHUTDOWN: { actions: 'shutdownRead' },
        CONNECT: { actions: 'alreadyConnected' },
      },
    },
    'CLOSE-WAIT': {
      entry: { type: 'enter', params: { state: 'CLOSE-WAIT' } },
      on: {
        SEGMENT: [...synchronizedChecks(), { actions: 'receive' }],
        RTO: retransmitOrGiveUp(),
        KEEPALIVE_TIMER: keepaliveTimer(),
        CLOSE: closeOrReset('LAST-ACK'),
        ABORT: closeOrReset('LAST-ACK'),
        SHUTDOWN: [{ guard: 'writeSide', target: 'LAST-ACK', actions: 'shutdownWrite' }, { actions: 'shutdownRead' }],
        CONNECT: { actions: 'alreadyConnected' },
      },
    },
    // Our FIN is out and theirs is in: only its acknowledgement is awaited (RFC 9293 §3.10.7.4).
    CLOSING: awaitingFinAck('CLOSING', 'TIME-WAIT'),
    'LAST-ACK': awaitingFinAck('LAST-ACK', 'CLOSED'),
    'TIME-WAIT': {
      entry: { type: 'enter', params: { state: 'TIME-WAIT' } },
      after: { timeWait: { target: 'CLOSED', actions: 'timeWaitOver' } },
      on: {
        SEGMENT: [
          // R13: a valid RST ends TIME-WAIT (Linux tcp_rfc1337=0; RFC 1337 names the hazard).
          { guard: 'rstExact', target: 'CLOSED', actions: 'closeQuietly' },
          { guard: 'isRst', actions: 'dropOutOfWindow' },
          { guard: 'bareAckInOrder', actions: 'dropSilently' },
          // A retransmitted FIN: ACK it again and restart the 2MSL wait (RFC 9293 §3.10.7.4).
          { guard: 'isFin', target: 'TIME-WAIT', reenter: true, actions: 'timeWaitAck' },
          // A SYN the host did not reopen with, data, or anything out of window: ACK, never RST.
          { actions: 'timeWaitAck' },
        ],
        CLOSE: { actions: 'orphan' },
        ABORT: { target: 'CLOSED', actions: 'closeQuietly' },
        SHUTDOWN: { actions: 'shutdownRead' },
        CONNECT: { actions: 'alreadyConnected' },
      },
    },
  },
});

/** RFC 9293 §3.10.7.4 checks one to five, shared by every synchronized state (with RFC 5961). */
function synchronizedChecks() {
  return [
    { guard: 'rstExact', target: 'CLOSED', actions: 'resetByPeer' },
    { guard: 'rstInWindow', actions: 'challengeAck' },
    { guard: 'isRst', actions: 'dropOutOfWindow' },
    { guard: 'isSyn', actions: 'challengeAck' },
    { guard: 'unacceptable', actions: 'ackUnacceptable' },
    { guard: 'noAck', actions: 'dropSilently' },
    { guard: 'ackTooNew', actions: 'ackUnacceptable' },
  ] as const;
}

function awaitingFinAck(state: 'CLOSING' | 'LAST-ACK', next: 'TIME-WAIT' | 'CLOSED') {
  return {
    entry: { type: 'enter', params: { state } },
    on: {
      SEGMENT: [
        ...synchronizedChecks(),
        { guard: 'finAcked', target: next, actions: 'receive' },
        { actions: 'receive' },
      ],
      RTO: retransmitOrGiveUp(),
      CLOSE: [{ guard: 'lingerZero', target: 'CLOSED', actions: 'abortReset' }, { actions: 'orphan' }],
      ABORT: { target: 'CLOSED', actions: 'abortReset' },
      SHUTDOWN: { actions: 'shutdownRead' },
      CONNECT: { actions: 'alreadyConnected' },
    },
  } as const;
}

function retransmitOrGiveUp() {
  return [{ guard: 'retriesExhausted', target: 'CLOSED', actions: 'giveUp' }, { actions: 'retransmit' }] as const;
}

function keepaliveTimer() {
  return [
    { guard: 'dataInFlight', actions: 'keepaliveRearm' },
    { guard: 'keepaliveExhausted', target: 'CLOSED', actions: 'keepaliveGiveUp' },
    { actions: 'keepaliveProbe' },
  ] as const;
}

/** close() from ESTABLISHED or CLOSE-WAIT: reset if data is unread (R5) or linger is zero (R4), else FIN (R7). */
function closeOrReset(next: 'FIN-WAIT-1' | 'LAST-ACK') {
  return [
    { guard: 'unread', target: 'CLOSED', actions: 'resetUnread' },
    { guard: 'lingerZero', target: 'CLOSED', actions: 'abortReset' },
    { target: next, actions: 'closeWithFin' },
  ] as const;
}

/** close() after shutdown(write): the FIN is already queued; the socket becomes an orphan. */
function closeOrOrphan() {
  return [
    { guard: 'unread', target: 'CLOSED', actions: 'resetUnread' },
    { guard: 'lingerZero', target: 'CLOSED', actions: 'abortReset' },
    { actions: 'orphan' },
  ] as const;
}

export type EndpointMachine = typeof endpointMachine;
export type EndpointActor = ActorRefFrom<EndpointMachine>;
export type EndpointSnapshot = SnapshotFrom<EndpointMachine>;
