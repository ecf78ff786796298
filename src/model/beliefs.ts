/**
 * Misconceptions the model can run (in-the-wild.md Part 2). Each belief is data: an overlay on
 * the linux profile that turns the knobs of truths.ts (or a profile value) to what someone holding
 * it expects. Running a question's scenario under each belief tells which wrong answer signals
 * which misconception, so no author ever maps choices to beliefs by hand. The words — "as if …",
 * "in fact …" — are in the locale dictionaries under `belief.<id>`.
 */
import type { Profile } from './profiles.ts';
import type { ProfileName } from './trace.ts';

const s = (n: number): number => n * 1_000_000;

export interface Belief {
  /** What changes, on top of the linux profile. */
  overlay: Partial<Profile>;
  /** The rules of behaviour.md it contradicts. */
  contradicts: readonly string[];
}

// prettier-ignore
export const BELIEFS = {
  /** "The side that crashed sends the RST." A crashed host is silent; RST comes later, by R1/R2, after a reboot. */
  'crashed-host-resets': { overlay: { crashResets: true }, contradicts: ['R1', 'R2', 'R11'] },
  /** "A blocked reader notices when its peer dies." Only sending, or keepalive, can find out. */
  'reader-notices-dead-peer': { overlay: { peerCrashNoticed: true }, contradicts: ['R11', 'R12'] },
  /** "Keepalive detects dead peers quickly." It is off by default and waits 2 h (RFC 1122 §4.2.3.6). */
  'keepalive-is-quick': {
    overlay: { keepaliveByDefault: true, keepalive: { idle: s(10), interval: s(5), count: 3 } },
    contradicts: ['R12'],
  },
  /** "close() always sends FIN." Unread data (R5) or SO_LINGER {on, 0} (R4) make it RST. */
  'close-always-fins': { overlay: { closeMayReset: false }, contradicts: ['R4', 'R5'] },
  /** "shutdown() equals close()." shutdown(write) half-closes; reading goes on (R7). */
  'shutdown-is-close': { overlay: { shutdownWriteCloses: true }, contradicts: ['R6', 'R7'] },
  /** "If write() returned, the peer has the data." It was only queued; the window decides what is sent. */
  'written-means-delivered': { overlay: { rcvBuf: 2 ** 30 }, contradicts: ['R4'] },
  /** "A RST is acknowledged (or retransmitted)." Nothing ever answers a RST (R3). */
  'rst-is-acknowledged': { overlay: { rstAcknowledged: true }, contradicts: ['R3'] },
  /** "Any in-window RST kills the connection." Only an exact RCV.NXT does (RFC 5961, R10). */
  'any-in-window-rst-resets': { overlay: { rstInWindowResets: true }, contradicts: ['R10'] },
  /** "ECONNREFUSED and ECONNRESET are the same." A refused connection never existed (R9). */
  'refused-is-reset': { overlay: { refusedReportedAsReset: true }, contradicts: ['R9'] },
  /** "ECONNRESET means the peer called abort()." A RST means a RST arrived, for any of many rules. */
  'reset-means-abort': { overlay: { everyResetIsAbort: true }, contradicts: ['R1', 'R5', 'R6', 'R12'] },
  /** "A TIME-WAIT entry makes new connections fail with RST." It reopens or ACKs, never RST (R13). */
  'time-wait-refuses': { overlay: { timeWaitRefusesSyn: true }, contradicts: ['R13'] },
  /** "The listener takes data for a connection it lost." It answers RST (R2). */
  'listener-takes-lost-data': { overlay: { listenerAcksLostData: true }, contradicts: ['R2'] },
  /** "Only the peer sends RSTs." Middleboxes and attackers forge them too (RFC 5961). */
  'only-the-peer-resets': { overlay: { forgeriesLost: true }, contradicts: ['R10'] },
  /** "tcp_fin_timeout shortens TIME-WAIT." It limits orphaned FIN-WAIT-2 only; TIME-WAIT stays 60 s. */
  'fin-timeout-is-time-wait': { overlay: { timeWaitIsFinTimeout: true }, contradicts: ['R11', 'R13'] },
  /** "A killed process resets its connections." The kernel closes them as close() would: FIN (R8). */
  'killed-process-resets': { overlay: { exitAborts: true }, contradicts: ['R8'] },
} as const satisfies Record<string, Belief>;

export type BeliefId = keyof typeof BELIEFS;
export const BELIEF_IDS = Object.keys(BELIEFS) as readonly BeliefId[];

/** The profile as someone holding the belief imagines it: `profile` (linux, tuned) with the overlay on top. */
export function believed(profile: Profile, id: BeliefId): Profile {
  const p: Profile = { ...profile, ...BELIEFS[id].overlay };
  return p.timeWaitIsFinTimeout && p.finTimeout !== null ? { ...p, timeWait: p.finTimeout } : p;
}

/** Beliefs overlay the real kernel's behaviour, never the letter of the RFC. */
export const BELIEF_BASE: ProfileName = 'linux';
