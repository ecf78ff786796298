/**
 * Profiles: the places where Linux and the letter of RFC 9293 part ways, as data.
 * Every row of the Profiles table in article/behaviour.md is a field here; the
 * endpoint and host read these fields and never ask which profile they run.
 */
import type { Micros, Tune } from './scenario.ts';
import type { Errno, ProfileName, Reason } from './trace.ts';
import { REAL_TCP, type Truths } from './truths.ts';

const ms = (n: number): Micros => n * 1000;
const s = (n: number): Micros => n * 1_000_000;

export interface KeepaliveConfig {
  idle: Micros;
  interval: Micros;
  count: number;
}

/** A profile: the standard or a kernel, as data (and the truths every real TCP shares, truths.ts). */
export interface Profile extends Truths {
  name: ProfileName;
  /** Initial retransmission timeout, before any round-trip sample (RFC 6298 §2.1: 1 s). */
  rtoInitial: Micros;
  /** Floor of the RTO once the round trip is measured (Linux TCP_RTO_MIN 200 ms; RFC 6298 §2.4: 1 s). */
  rtoMin: Micros;
  /**
   * Floor of the variance term: Linux keeps rttvar >= TCP_RTO_MIN, so its first RTO is
   * RTT + max(2·RTT, 200 ms); RFC 6298 gives 3·RTT, then the 1 s floor above.
   */
  rttvarMin: Micros;
  rtoMax: Micros;
  synRetries: number;
  /** Linux 6.x retries its first SYNs at a fixed 1 s (tcp_syn_linear_timeouts) before doubling. */
  synLinearTimeouts: number;
  synackRetries: number;
  retries2: number;
  orphanRetries: number;
  /**
   * How retry counts become a give-up moment. `budget`: Linux's tcp_model_timeout(), a time
   * budget that the RTO timer checks when it fires; `count`: give up after that many retransmissions.
   */
  giveUp: 'budget' | 'count';
  /** Orphaned FIN-WAIT-2 lifetime (tcp_fin_timeout); null: RFC 9293 defines none, the socket stays. */
  finTimeout: Micros | null;
  /** TIME-WAIT length: Linux 60 s; RFC 9293 2 × MSL with MSL = 2 min. */
  timeWait: Micros;
  keepalive: KeepaliveConfig;
  /** Answer a completing handshake ACK with RST when the accept queue is full (tcp_abort_on_overflow). */
  abortOnOverflow: boolean;
  mss: number;
  /** Receive buffer: the window we advertise when nothing is queued. */
  rcvBuf: number;
  /** Resets the endpoint starts itself (abort, unread data, keepalive): Linux sends R. (RST+ACK); RFC 9293 §3.10.5 sends R (no ACK). */
  activeResetWithAck: boolean;
  /** Keepalive that gives up: Linux sends R. then reports ETIMEDOUT (R12); the RFCs define no reset. */
  keepaliveGivesUpWithReset: boolean;
  /** What a reset received in CLOSE-WAIT reports (Linux tcp_reset(): EPIPE). */
  resetInCloseWait: Errno;
  /** Linux keeps received bytes readable after a reset; RFC 9293 flushes all queues. */
  resetKeepsReceivedData: boolean;
  /** Reason on the ACK a TIME-WAIT socket sends to a SYN it does not accept. */
  timeWaitSynReply: Reason;
  /** A bad ACK in SYN-SENT re-arms the SYN timer this soon (Linux TCP_TIMEOUT_MIN), or null. */
  synSentBadAckRetry: Micros | null;
  /** A reopened TIME-WAIT 4-tuple gets ISN = old SND.NXT + this (Linux tcp_timewait_state_process). */
  timeWaitIsnGap: number;
  /**
   * `tune:` keys that are Linux sysctls with nothing behind them in RFC 9293 (fin_timeout,
   * abort_on_overflow): honoured by linux, ignored by rfc9293, which keeps its own rule.
   */
  sysctlTunes: boolean;
  /**
   * At most one ACK per socket per this interval in answer to out-of-window segments and
   * suspicious RSTs or SYNs (Linux tcp_invalid_ratelimit, 500 ms); null: no limit.
   */
  oowAckInterval: Micros | null;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  linux: {
    ...REAL_TCP,
    name: 'linux',
    rtoInitial: s(1),
    rtoMin: ms(200),
    rttvarMin: ms(200),
    rtoMax: s(120),
    synRetries: 6,
    synLinearTimeouts: 4,
    synackRetries: 5,
    retries2: 15,
    orphanRetries: 8,
    giveUp: 'budget',
    finTimeout: s(60),
    timeWait: s(60),
    keepalive: { idle: s(7200), interval: s(75), count: 9 },
    abortOnOverflow: false,
    mss: 1448,
    rcvBuf: 65535,
    activeResetWithAck: true,
    keepaliveGivesUpWithReset: true,
    resetInCloseWait: 'EPIPE',
    resetKeepsReceivedData: true,
    timeWaitSynReply: 'time-wait-ack',
    synSentBadAckRetry: ms(10),
    timeWaitIsnGap: 65537,
    sysctlTunes: true,
    oowAckInterval: ms(500),
  },
  rfc9293: {
    ...REAL_TCP,
    name: 'rfc9293',
    rtoInitial: s(1),
    rtoMin: s(1),
    rttvarMin: 0,
    rtoMax: s(120),
    // Give up on a SYN after at least 3 minutes, on data after at least 100 s (RFC 1122 §4.2.3.5).
    synRetries: 7,
    synLinearTimeouts: 0,
    synackRetries: 7,
    retries2: 7,
    orphanRetries: 7,
    giveUp: 'count',
    finTimeout: null,
    timeWait: s(240),
    keepalive: { idle: s(7200), interval: s(75), count: 9 },
    abortOnOverflow: false,
    mss: 1460,
    rcvBuf: 65535,
    activeResetWithAck: false,
    keepaliveGivesUpWithReset: false,
    resetInCloseWait: 'ECONNRESET',
    resetKeepsReceivedData: false,
    timeWaitSynReply: 'challenge-ack',
    synSentBadAckRetry: null,
    timeWaitIsnGap: 65537,
    sysctlTunes: false,
    // RFC 5961 §7 leaves the limit to implementations; the letter of RFC 9293 has none.
    oowAckInterval: null,
  },
};

/** A profile with a scenario's `tune:` applied. */
export function tuned(name: ProfileName, tune: Tune | undefined): Profile {
  const base = PROFILES[name];
  if (!tune) return base;
  return {
    ...base,
    rtoInitial: tune.rto ?? base.rtoInitial,
    synRetries: tune.syn_retries ?? base.synRetries,
    synackRetries: tune.synack_retries ?? base.synackRetries,
    retries2: tune.retries2 ?? base.retries2,
    orphanRetries: tune.orphan_retries ?? base.orphanRetries,
    finTimeout: base.sysctlTunes ? (tune.fin_timeout ?? base.finTimeout) : base.finTimeout,
    timeWait: tune.time_wait ?? base.timeWait,
    keepalive: {
      idle: tune.keepalive?.idle ?? base.keepalive.idle,
      interval: tune.keepalive?.interval ?? base.keepalive.interval,
      count: tune.keepalive?.count ?? base.keepalive.count,
    },
    abortOnOverflow: base.sysctlTunes ? (tune.abort_on_overflow ?? base.abortOnOverflow) : base.abortOnOverflow,
  };
}

/**
 * Linux tcp_model_timeout(): the time `retries` doublings of `base` would take, with the
 * backoff capped at rtoMax. The retransmit timer gives up once this much time has passed.
 */
export function retryBudget(retries: number, base: Micros, rtoMax: Micros): Micros {
  const thresh = Math.floor(Math.log2(rtoMax / base));
  if (retries <= thresh) return ((2 << retries) - 1) * base;
  return ((2 << thresh) - 1) * base + (retries - thresh) * rtoMax;
}
