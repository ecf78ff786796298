/**
 * The retransmission timer: resend the oldest unacknowledged segment with backoff
 * (RFC 6298 §5.5–5.6), and the moment it gives up (R11; Linux tcp_write_timeout()).
 */
import { retryBudget } from './profiles.ts';
import type { Micros } from './scenario.ts';
import { arm, transmit } from './send.ts';
import type { Tcb, Work } from './tcb.ts';

/** What is being retransmitted: our SYN, our SYN-ACK, or data and FIN — each has its own limit. */
export type RetryPhase = 'syn' | 'synack' | 'data';

/** Whether the retransmission timer gives up now, for the phase the socket is in. */
export function retriesExhausted(t: Tcb, phase: RetryPhase, at: Micros): boolean {
  const p = t.p;
  // A listener's child counts its SYN-ACKs (Linux tcp_synack_timer / inet_rtx_syn_ack).
  if (phase === 'synack' && t.opened === 'passive') return t.retransmits >= p.synackRetries;
  const limit =
    phase === 'syn'
      ? p.synRetries
      : phase === 'synack'
        ? p.synackRetries
        : t.user === 'orphan'
          ? p.orphanRetries
          : p.retries2;
  if (p.giveUp === 'count' || t.budgetFrom === null) return t.retransmits >= limit;
  const base = phase === 'data' ? p.rtoMin : p.rtoInitial;
  return at - t.budgetFrom >= retryBudget(limit, base, p.rtoMax);
}

/** Resend the oldest unacknowledged segment and back off; a SYN-SENT socket's first SYNs back off linearly. */
export function retransmit(w: Work, phase: RetryPhase): void {
  const t = w.t;
  const head = t.flight[0];
  if (!head) return;
  if (t.retransmits === 0 && t.budgetFrom === null) t.budgetFrom = w.at;
  t.retransmits += 1;
  t.synAt = null; // Karn: no round-trip sample from a retransmitted segment
  if (head.ctl === 'syn') transmit(w, 'syn', head.seq, phase === 'syn' ? null : t.rcvNxt, 0, head.reason, true);
  else transmit(w, head.ctl, head.seq, t.rcvNxt, head.len, head.reason, true);
  const linear = phase === 'syn' && t.retransmits < t.p.synLinearTimeouts;
  t.rto = linear ? t.rto : Math.min(t.p.rtoMax, t.rto * 2);
  arm(w, 'rto', t.rto);
}
