/**
 * One socket's statechart, as a table: for each of the eleven states of RFC 9293 §3.3.2, what
 * can happen to it — a call, an arriving segment, a timer — where it leads and why. Guards and
 * actions are named (guards.ts, calls.ts, arrivals.ts, timers.ts); rows shared by several states
 * are in rows.ts; the arithmetic is the TCB's. `after` delays are the state timers; the TCB arms
 * the retransmission and keepalive timers.
 */
import { newTcb } from '../tcb.ts';
import {
  abortOrReset,
  closeOrOrphan,
  closeOrReset,
  keepaliveTimer,
  recvAfterFin,
  recvOpen,
  retransmitOrGiveUp,
  synchronizedChecks,
} from './rows.ts';
import { answer, table } from './setup.ts';

export const endpointMachine = table.createMachine({
  id: 'endpoint',
  context: ({ input }) => ({ tcb: newTcb(input) }),
  initial: 'CLOSED',
  // In every state unless the state says otherwise.
  on: {
    CONNECT: { actions: answer('EISCONN') }, // a socket connects once (Linux __inet_stream_connect)
    LISTEN: { actions: answer('EINVAL') }, // listen() needs an unconnected socket (Linux inet_listen)
    LINGER: { actions: 'setLinger' }, // SO_LINGER is only read when the socket closes (R4, R7)
    KEEPALIVE: { actions: 'setKeepalive' }, // SO_KEEPALIVE: the timer starts once the connection is open
  },
  states: {
    CLOSED: {
      on: {
        // §3.10.1 OPEN, active: send SYN; a socket opens only once.
        CONNECT: [{ guard: 'fresh', target: 'SYN-SENT', actions: 'openActive' }, { actions: answer('EISCONN') }],
        // A socket opens once: listen() after a connection ended is EINVAL (Linux inet_listen).
        LISTEN: [{ guard: 'fresh', target: 'LISTEN', actions: 'openPassive' }, { actions: answer('EINVAL') }],
        // R9: the error a reset or timeout left comes first, once; then "connection does not exist" (§3.10.2).
        SEND: [{ guard: 'errorPending', actions: 'reportError' }, { actions: answer('EPIPE') }],
        RECV: [
          // Linux keeps the bytes that arrived before a RST readable (the Profiles table).
          { guard: 'dataQueued', actions: { type: 'read', params: { windowUpdate: false } } },
          { guard: 'peerFinReceived', actions: answer('eof') }, // the peer closed first: end of stream
          { guard: 'errorPending', actions: 'reportError' }, // R9: the error, once
          { guard: 'readEnded', actions: answer('eof') }, // R9: afterwards recv reads end of stream
          { actions: answer('ENOTCONN') }, // never connected (§3.10.3: "connection does not exist")
        ],
        CLOSE: { actions: 'closeOk' }, // nothing left to close (§3.10.4)
        ABORT: { actions: 'closeOk' },
        SHUTDOWN: { actions: answer('ENOTCONN') }, // Linux inet_shutdown on an unconnected socket
        SEGMENT: { actions: 'dropSilently' }, // the host answers for sockets that have none (R1)
      },
    },
    LISTEN: {
      on: {
        SEGMENT: [
          { guard: 'isRst', actions: 'dropRst' }, // R3 (§3.10.7.2 first check)
          { guard: 'hasAck', actions: { type: 'resetBadAck', params: { reason: 'no-connection' } } }, // R2
          { guard: 'isSyn', target: 'SYN-RECEIVED', actions: 'takeSyn' }, // §3.10.7.2 third check
          { actions: 'dropSilently' }, // §3.10.7.2 fourth check: anything else is dropped
        ],
        SEND: { actions: answer('EPIPE') }, // a listener has no peer to send to (Linux sk_stream_wait_connect)
        RECV: { actions: answer('ENOTCONN') },
        // §3.10.4: closing a listener sends nothing; its unaccepted children are the host's business (host.ts).
        CLOSE: { target: 'CLOSED', actions: 'closeQuietly' },
        ABORT: { target: 'CLOSED', actions: 'closeQuietly' },
        SHUTDOWN: { actions: answer('ENOTCONN') },
      },
    },
    'SYN-SENT': {
      // The application's own connect timeout: it gives up and closes the socket (behaviour.md case 3).
      after: { connectTimeout: { target: 'CLOSED', actions: 'connectTimedOut' } },
      on: {
        SEGMENT: [
          { guard: 'synSentRstAcceptable', target: 'CLOSED', actions: 'refused' }, // R9: ECONNREFUSED
          { guard: 'isRst', actions: 'dropRst' }, // §3.10.7.3: a RST not acking our SYN is dropped
          // R15: an ACK of something never sent gets <SEQ=SEG.ACK><CTL=RST>; the SYN is retried soon.
          { guard: 'synSentAckBad', actions: { type: 'resetBadAck', params: { reason: 'bad-ack', retry: true } } },
          { guard: 'synAckGood', target: 'ESTABLISHED', actions: 'completeActiveOpen' }, // §3.10.7.3 fourth check
          { guard: 'isSyn', target: 'SYN-RECEIVED', actions: 'simultaneousOpen' }, // §3.10.7.3: SYN without ACK
          { actions: 'dropSilently' }, // §3.10.7.3 fifth check: neither SYN nor RST
        ],
        RTO: retransmitOrGiveUp('syn'), // R11: SYN retries (Linux tcp_syn_retries), then ETIMEDOUT
        SEND: { actions: answer('EAGAIN') }, // calls never block: the handshake is not done
        // Nothing can have arrived yet.
        RECV: [{ guard: 'readEnded', actions: answer('eof') }, { actions: answer('EAGAIN') }],
        CLOSE: { target: 'CLOSED', actions: 'closeQuietly' }, // §3.10.4: nothing to say yet
        ABORT: { target: 'CLOSED', actions: 'closeQuietly' }, // §3.10.5: no RST from SYN-SENT
        // Linux tcp_shutdown: shutting the write side of a connecting socket closes it.
        SHUTDOWN: [{ guard: 'writeSide', target: 'CLOSED', actions: 'closeQuietly' }, { actions: 'shutdownRead' }],
      },
    },
    'SYN-RECEIVED': {
      on: {
        SEGMENT: [
          // R9: a listener's child goes quietly; a simultaneous open is refused.
          { guard: 'rstExact', target: 'CLOSED', actions: { type: 'resetByPeer', params: { report: 'ECONNREFUSED' } } },
          { guard: 'rstInWindow', actions: 'challengeAck' }, // RFC 5961 §3.2
          { guard: 'isRst', actions: 'dropOutOfWindow' }, // RFC 5961 §3.2: outside the window
          { guard: 'duplicateSyn', actions: 'resendSynAck' }, // our SYN-ACK was lost (Linux tcp_check_req)
          { guard: 'isSyn', actions: 'challengeAck' }, // RFC 5961 §4.2
          { guard: 'unacceptable', actions: 'ackUnacceptable' }, // §3.10.7.4 first check
          // §3.10.7.4 fifth check: the ACK of our SYN-ACK synchronizes the connection (with a FIN, to CLOSE-WAIT).
          { guard: 'handshakeAckWithFin', target: 'CLOSE-WAIT', actions: 'completePassiveOpen' },
          { guard: 'ackAdvances', target: 'ESTABLISHED', actions: 'completePassiveOpen' },
          // §3.10.7.4 fifth check: an ACK that acknowledges nothing we sent is answered with RST.
          { guard: 'hasAck', actions: { type: 'resetBadAck', params: { reason: 'bad-ack' } } },
          { actions: 'dropSilently' }, // §3.10.7.4 fifth check: no ACK, drop
        ],
        RTO: retransmitOrGiveUp('synack'), // R11: SYN-ACK retries (Linux tcp_synack_retries)
        SEND: { actions: answer('EAGAIN') }, // calls never block: the handshake is not done
        RECV: [{ guard: 'readEnded', actions: answer('eof') }, { actions: answer('EAGAIN') }],
        CLOSE: [
          { guard: 'lingerZero', target: 'CLOSED', actions: 'abortReset' }, // R4
          { target: 'FIN-WAIT-1', actions: 'closeWithFin' }, // §3.10.4: FIN once the handshake allows
        ],
        ABORT: { target: 'CLOSED', actions: 'abortReset' }, // §3.10.5: RST
        SHUTDOWN: { actions: 'shutdownRead' }, // the write side waits for the handshake
      },
    },
    ESTABLISHED: {
      on: {
        SEGMENT: [
          ...synchronizedChecks,
          { guard: 'finIsNext', target: 'CLOSE-WAIT', actions: 'receive' }, // §3.10.7.4 eighth check
          { actions: 'receive' }, // §3.10.7.4 sixth and seventh checks: ACK and data
        ],
        RTO: retransmitOrGiveUp('data'), // R11: tcp_retries2, then ETIMEDOUT, silently
        KEEPALIVE_TIMER: keepaliveTimer, // R12
        KEEPALIVE: { actions: { type: 'setKeepalive', params: { arm: true } } }, // the idle timer starts now
        SEND: { actions: 'queueData' }, // §3.10.2
        RECV: recvOpen, // §3.10.3
        CLOSE: closeOrReset('FIN-WAIT-1'), // R4, R5, R7
        ABORT: abortOrReset, // R4, R5
        // R7: shutdown(write) sends FIN after the queued data (§3.10.4); shutdown(read) sends nothing (R6).
        SHUTDOWN: [{ guard: 'writeSide', target: 'FIN-WAIT-1', actions: 'shutdownWrite' }, { actions: 'shutdownRead' }],
      },
    },
    'FIN-WAIT-1': {
      on: {
        SEGMENT: [
          ...synchronizedChecks,
          { guard: 'dataAfterClose', target: 'CLOSED', actions: 'resetDataAfterClose' }, // R6
          { guard: 'finAckedAndFinIsNext', target: 'TIME-WAIT', actions: 'receive' }, // §3.10.7.4 eighth check
          { guard: 'finAcked', target: 'FIN-WAIT-2', actions: 'receive' }, // §3.10.7.4 fifth check, FIN-WAIT-1
          { guard: 'finIsNext', target: 'CLOSING', actions: 'receive' }, // the FINs crossed (§3.6 Figure 13)
          { actions: 'receive' },
        ],
        RTO: retransmitOrGiveUp('data'), // orphans give up sooner (Linux tcp_orphan_retries)
        SEND: { actions: answer('EPIPE') }, // our FIN is out: no more data (§3.10.2 "connection closing")
        RECV: recvOpen, // the peer may still send
        CLOSE: closeOrOrphan, // R5, R4, or the kernel finishes the close
        ABORT: abortOrReset, // R4
        SHUTDOWN: { actions: 'shutdownRead' }, // the write side is already shut
      },
    },
    'FIN-WAIT-2': {
      after: { finWait2: { target: 'CLOSED', actions: 'finWait2Over' } }, // R11: silent (Linux tcp_fin_timeout)
      on: {
        SEGMENT: [
          ...synchronizedChecks,
          { guard: 'dataAfterClose', target: 'CLOSED', actions: 'resetDataAfterClose' }, // R6
          { guard: 'finIsNext', target: 'TIME-WAIT', actions: 'receive' }, // §3.10.7.4 eighth check
          { actions: 'receive' }, // the peer's data still flows to us
        ],
        SEND: { actions: answer('EPIPE') }, // §3.10.2 "connection closing"
        RECV: recvOpen,
        // close() re-enters the state so that the orphan's FIN-WAIT-2 timer starts now.
        CLOSE: [...closeOrOrphan.slice(0, 2), { target: 'FIN-WAIT-2', reenter: true, actions: 'orphan' }],
        ABORT: abortOrReset, // R4
        SHUTDOWN: { actions: 'shutdownRead' }, // the write side is already shut
      },
    },
    'CLOSE-WAIT': {
      on: {
        SEGMENT: [
          // R9: Linux reports EPIPE here, RFC 9293 "connection reset" (the profile says).
          { guard: 'rstExact', target: 'CLOSED', actions: { type: 'resetByPeer', params: { report: 'profile' } } },
          ...synchronizedChecks.slice(1),
          { actions: 'receive' }, // ACKs of what we still send; the peer sends no more data
        ],
        RTO: retransmitOrGiveUp('data'), // R11
        KEEPALIVE_TIMER: keepaliveTimer, // R12
        KEEPALIVE: { actions: { type: 'setKeepalive', params: { arm: true } } },
        SEND: { actions: 'queueData' }, // the half-close leaves our direction open (§3.6)
        RECV: recvAfterFin, // what is queued, then end of stream
        CLOSE: closeOrReset('LAST-ACK'), // R4, R5, R7
        ABORT: abortOrReset, // R4, R5
        // R7: our FIN now ends the second direction; shutdown(read) sends nothing (R6).
        SHUTDOWN: [{ guard: 'writeSide', target: 'LAST-ACK', actions: 'shutdownWrite' }, { actions: 'shutdownRead' }],
      },
    },
    // Our FIN is out and theirs is in: only its acknowledgement is awaited (RFC 9293 §3.10.7.4).
    CLOSING: awaitingFinAck('TIME-WAIT'),
    'LAST-ACK': awaitingFinAck('CLOSED'),
    'TIME-WAIT': {
      after: { timeWait: { target: 'CLOSED', actions: 'timeWaitOver' } }, // 2 MSL (Linux: 60 s)
      on: {
        SEGMENT: [
          // R13: a valid RST ends TIME-WAIT (Linux tcp_rfc1337=0; RFC 1337 names the hazard).
          { guard: 'rstExact', target: 'CLOSED', actions: 'closeQuietly' },
          { guard: 'isRst', actions: 'dropOutOfWindow' }, // RFC 5961 §3.2
          { guard: 'bareAckInOrder', actions: 'dropSilently' }, // Linux tcp_timewait_state_process: nothing to do
          // A retransmitted FIN: ACK it again and restart the 2MSL wait (RFC 9293 §3.10.7.4).
          { guard: 'isFin', target: 'TIME-WAIT', reenter: true, actions: 'timeWaitAck' },
          // A SYN the host did not reopen with, data, or anything out of window: ACK, never RST.
          { actions: 'timeWaitAck' },
        ],
        SEND: { actions: answer('EPIPE') }, // §3.10.2 "connection closing"
        RECV: recvAfterFin,
        CLOSE: { actions: 'orphan' }, // the kernel keeps TIME-WAIT alone (Linux tcp_time_wait)
        ABORT: { target: 'CLOSED', actions: 'closeQuietly' }, // §3.10.5: nothing sent from TIME-WAIT
        SHUTDOWN: { actions: 'shutdownRead' },
      },
    },
  },
});

/** CLOSING and LAST-ACK: both FINs are out; only the ACK of ours is awaited. */
function awaitingFinAck(next: 'TIME-WAIT' | 'CLOSED') {
  return table.createStateConfig({
    on: {
      SEGMENT: [
        ...synchronizedChecks,
        { guard: 'finAcked', target: next, actions: 'receive' }, // §3.10.7.4 fifth check, CLOSING / LAST-ACK
        { actions: 'receive' },
      ],
      RTO: retransmitOrGiveUp('data'), // our FIN is retransmitted until acknowledged (R11)
      SEND: { actions: answer('EPIPE') }, // §3.10.2 "connection closing"
      RECV: recvAfterFin,
      // §3.10.5: an abort sends nothing from CLOSING or LAST-ACK (Linux tcp_need_reset() agrees).
      CLOSE: [{ guard: 'lingerZero', target: 'CLOSED', actions: 'closeQuietly' }, { actions: 'orphan' }],
      ABORT: { target: 'CLOSED', actions: 'closeQuietly' },
      SHUTDOWN: { actions: 'shutdownRead' }, // both directions are shutting already
    },
  });
}
