/**
 * What every real TCP does the same way, as knobs. The linux and rfc9293 profiles both hold
 * REAL_TCP; a belief (beliefs.ts) turns one or two of them so that the model does what someone
 * holding a misconception expects. Each knob is read in exactly one place, named here.
 */
export interface Truths {
  /** A crashing host vanishes without a word (behaviour.md case 5); true: it resets its connections as it dies (host.ts crash). */
  crashResets: boolean;
  /** A process that exits has its sockets closed as close() would (R8); true: aborted (host.ts exit). */
  exitAborts: boolean;
  /** close() may reset: with unread data (R5) or SO_LINGER {on, 0} (R4); false: always FIN (guards.ts, steps.ts). */
  closeMayReset: boolean;
  /** shutdown(write) half-closes (R7); true: it is close() (steps.ts). */
  shutdownWriteCloses: boolean;
  /** Only a RST at exactly RCV.NXT resets (R10, RFC 5961 §3.2); true: any in-window RST does (demux.ts). */
  rstInWindowResets: boolean;
  /** A RST is never answered (R3); true: it is acknowledged (demux.ts). */
  rstAcknowledged: boolean;
  /** connect() to a refusing peer reports ECONNREFUSED (R9); true: ECONNRESET, as if the two were one (host.ts). */
  refusedReportedAsReset: boolean;
  /** Each RST carries the rule that sent it; true: every RST reads as the peer's abort (simulator.ts). */
  everyResetIsAbort: boolean;
  /** A SYN meeting a TIME-WAIT socket reopens it or gets an ACK (R13); true: it gets RST (demux.ts). */
  timeWaitRefusesSyn: boolean;
  /** A listener resets segments of connections it does not have (R2); true: it acknowledges their data (demux.ts). */
  listenerAcksLostData: boolean;
  /** Nobody learns that a peer crashed until they send (R11); true: its peers' sockets fail at once (steps.ts). */
  peerCrashNoticed: boolean;
  /** A forged segment reaches its victim (RFC 5961 §1); true: only the peer can send one, so it never arrives (network-steps.ts). */
  forgeriesLost: boolean;
  /** Keepalive is off until the application turns it on (RFC 1122 §4.2.3.6); true: on for every connection (tcb.ts). */
  keepaliveByDefault: boolean;
  /** TIME-WAIT lasts its own time (Linux 60 s); true: tcp_fin_timeout sets it (beliefs.ts believed()). */
  timeWaitIsFinTimeout: boolean;
}

export const REAL_TCP: Readonly<Truths> = {
  crashResets: false,
  exitAborts: false,
  closeMayReset: true,
  shutdownWriteCloses: false,
  rstInWindowResets: false,
  rstAcknowledged: false,
  refusedReportedAsReset: false,
  everyResetIsAbort: false,
  timeWaitRefusesSyn: false,
  listenerAcksLostData: false,
  peerCrashNoticed: false,
  forgeriesLost: false,
  keepaliveByDefault: false,
  timeWaitIsFinTimeout: false,
};
