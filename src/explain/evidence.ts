/**
 * How the explainer weighs and words what it saw: candidate order, whether a reset looks
 * forged, the wire evidence in the reader's language, and notices worth a second look.
 */
import { PROFILES } from '../model/profiles.ts';
import type { Reason } from '../model/trace.ts';
import type { Hypothesis } from './confirm.ts';
import { RST, flagNames, seqDiff } from './packet.ts';
import { rfc5961Class, type Situation } from './stories.ts';
import { keptSegments, type Side } from './conn.ts';
import { segKind, type Signature } from './wire.ts';
import { WORDS, span, type Lang } from './words.ts';

export const RST_ORDER: readonly Reason[] = [
  'no-listener',
  'bad-ack',
  'accept-queue-overflow',
  'keepalive-expired',
  'data-after-close',
  'close-unread-data',
  'abort',
  'no-connection',
  'listener-closed',
  'forged',
];
export const FIN_ORDER: readonly Reason[] = ['close', 'exit', 'shutdown', 'power-off'];
/** A reset this long after the sender's last word is worth a notice (issue 10: "silent for minutes"). */
export const SILENCE = 120;
export const RETRY_NOTICE = 3;

export const sideName = (side: Side) => (side === 0 ? 'client' : 'server');

/** A reset a genuine endpoint would not send: out of the peer's window, not exactly RCV.NXT, or answered by a RST. */
export function isSuspicious(sit: Situation): boolean {
  const cls = rfc5961Class(sit.ev);
  if (sit.triggerKind === null && cls !== null && cls !== 'exact') return true;
  return sit.conn.events.some(
    (e) => e.kind === 'rst' && e.seg.from === sit.x && e.index <= sit.ev.index && rfc5961Class(e) === 'out-of-window',
  );
}

export function rank(hypotheses: Hypothesis[], sit: Situation, suspicious: boolean): Reason[] {
  const order = sit.ev.kind === 'rst' ? RST_ORDER : FIN_ORDER;
  const { ev, x } = sit;
  /** Pairs [a, b]: when both are candidates, a goes before b. */
  const prefer: [Reason, Reason][] = [];
  // With Linux's default tcp_fin_timeout, an orphan waiting longer than that has been forgotten.
  const finTimeout = (PROFILES.linux.finTimeout ?? Infinity) / 1e6;
  const ownFin = ev.milestones.find((m) => m.side === x && m.kind === 'FIN' && m.index < ev.index);
  if (ownFin !== undefined && ev.seg.t - ownFin.t > finTimeout) prefer.push(['no-connection', 'data-after-close']);
  // A full accept queue resets the handshake's ACK itself: if that ACK was seen, the reset has another cause.
  const segs = keptSegments(sit.conn);
  const synAck = segs.findIndex((s) => s.from === 1 && segKind(s) === 'SYNACK');
  const handshakeAck =
    synAck !== -1 && segs.slice(synAck + 1).some((s) => s.n < ev.seg.n && s.from === 0 && segKind(s) === 'ACK');
  if (handshakeAck) prefer.push(['no-connection', 'accept-queue-overflow']);
  // A SYN that repeats the first one's number after the connection ended is an old duplicate, not a new connect().
  const lastSyn = ev.milestones.findLast((m) => m.kind === 'SYN' && m.side === 0 && m.index < ev.index);
  if (lastSyn !== undefined && ev.milestones.some((m) => m.kind === 'FIN' && m.index < lastSyn.index)) {
    prefer.push(['no-connection', 'bad-ack']);
  }
  const sorted = (list: Hypothesis[]) => {
    const reasons = [...new Set(list.map((h) => h.reason))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    for (const [a, b] of prefer) {
      const i = reasons.indexOf(a);
      const j = reasons.indexOf(b);
      if (i > j && j !== -1) reasons.splice(j, 0, ...reasons.splice(i, 1));
    }
    return reasons;
  };
  const confirmed = sorted(hypotheses.filter((h) => h.confirmed));
  const open = sorted(hypotheses.filter((h) => !h.checked && !confirmed.includes(h.reason)));
  const forged = confirmed.filter((r) => r === 'forged');
  const genuine = confirmed.filter((r) => r !== 'forged');
  // A forgery is the last resort, after any unchecked rule that fits, unless the reset looks forged.
  return suspicious ? [...forged, ...genuine, ...open] : [...genuine, ...open, ...forged];
}

export function resetEvidence(sit: Situation, sig: Signature, lang: Lang): string {
  const w = WORDS[lang];
  const { ev, x, y, trigger } = sit;
  const me = ev.sides[x];
  const peer = ev.sides[y];
  const parts: string[] = [];
  const flags = flagNames(ev.seg.flags)
    .filter((f) => f !== 'PSH')
    .join('+');
  const kind = (k: string) => w.kind[k] ?? k;
  let how: string;
  if (sig.seq === 'zero') how = w.seq.zero;
  else if (sig.seq === 'trigger-ack') how = w.seq.triggerAck(kind(sig.trigger));
  else if (sig.seq.includes('own-next')) how = w.seq.ownNext;
  else if (sig.seq === 'rcv-nxt') how = w.seq.rcvNxt;
  else how = w.seq.other(ev.seg.seq);
  parts.push(`${flags}${w.comma}${how}`);
  const previous = ev.before.at(-1);
  if (trigger !== null) parts.push(w.after(span(ev.seg.t - trigger.t, lang), kind(segKind(trigger))));
  else if (previous !== undefined) parts.push(w.afterLast(span(ev.seg.t - previous.t, lang)));
  const unacked = me.nxt !== null && peer.lastAck !== null ? Math.max(0, seqDiff(me.nxt, peer.lastAck)) : 0;
  parts.push(
    `${w.sent(w[sideName(x)], me.bytes)}${me.bytes > 0 ? `, ${unacked > 0 ? w.unacked(Math.min(unacked, me.bytes)) : w.acked}` : ''}`,
  );
  parts.push(w.sent(w[sideName(y)], peer.bytes));
  parts.push(me.fin && peer.fin ? w.bothFin : me.fin ? w.ownFin : peer.fin ? w.peerFin : w.noFin);
  if (me.probes > 0) parts.push(w.probes(me.probes));
  if (me.longestRun !== null && me.longestRun.count >= 2) parts.push(w.retries(me.longestRun.count));
  return parts.join(w.sep);
}

export function finEvidence(sit: Situation, sig: Signature, lang: Lang): string {
  const w = WORDS[lang];
  const { ev, x, y } = sit;
  const flags = flagNames(ev.seg.flags)
    .filter((f) => f !== 'PSH')
    .join('+');
  return [
    w.finShape(flags, ev.sides[x].bytes + ev.seg.len),
    ev.sides[y].fin ? w.finSecond : w.finFirst,
    w.finAfter[sig.after] ?? sig.after,
  ].join(w.sep);
}

export function resetNotices(sit: Situation, lang: Lang): string[] {
  const w = WORDS[lang];
  const { ev, x, y } = sit;
  const notices: string[] = [];
  const reply = ev.after.find((s) => s.from === y);
  if (reply !== undefined && reply.flags & RST && reply.t - ev.seg.t < 1)
    notices.push(w.notice.rstAnswersRst(w[sideName(y)]));
  const cls = rfc5961Class(ev);
  const peer = ev.sides[y];
  if (sit.triggerKind !== 'SYN' && peer.lastAck !== null && (cls === 'in-window' || cls === 'out-of-window')) {
    const distance = Math.abs(seqDiff(ev.seg.seq, peer.lastAck));
    notices.push(cls === 'in-window' ? w.notice.inWindow(distance) : w.notice.outOfWindow(distance));
  }
  const last = ev.sides[x].lastT;
  if (last !== null && ev.seg.t - last >= SILENCE)
    notices.push(w.notice.silence(w[sideName(x)], span(ev.seg.t - last, lang)));
  return notices;
}
