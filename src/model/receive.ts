/**
 * What a socket does with what arrives: the peer's SYN, acknowledgements, data and the FIN
 * (RFC 9293 §3.10.7), and the round-trip sample that sets the RTO.
 */
import { armKeepalive, arm, disarm, pump, result, sendAck } from './send.ts';
import { segLength, type Segment } from './segment.ts';
import { seqAdd, seqDiff, seqLe, seqLt } from './seq.ts';
import { ackAdvances, carriesNewData, finIsNext, finSent, rcvWnd, type Work } from './tcb.ts';

/** Record the peer's SYN: IRS, RCV.NXT, its window. */
export function takeSyn(w: Work, seg: Segment): void {
  w.t.irs = seg.seq;
  w.t.rcvNxt = seqAdd(seg.seq, 1);
  w.t.sndWnd = seg.win;
}

/** Our SYN (or SYN-ACK) is out: it occupies ISS, and the RTO runs from rtoInitial. */
export function startHandshake(w: Work): void {
  const t = w.t;
  t.sndNxt = seqAdd(t.iss, 1);
  t.flight = [{ seq: t.iss, len: 0, ctl: 'syn', reason: 'handshake' }];
  t.synAt = w.at;
  t.budgetFrom = w.at;
  t.rto = t.p.rtoInitial;
  arm(w, 'rto', t.rto);
}

/** First round-trip sample: RFC 6298 §2.2 with the profile's floors. */
function sampleRtt(w: Work): void {
  const t = w.t;
  if (t.synAt === null) return;
  const r = Math.max(0, w.at - t.synAt);
  t.rtoBase = Math.min(t.p.rtoMax, Math.max(t.p.rtoMin, r + Math.max(2 * r, t.p.rttvarMin)));
  t.rto = t.rtoBase;
  t.synAt = null;
}

/** The handshake completed: both sides synchronized; a waiting connect() returns. */
export function established(w: Work, seg: Segment): void {
  const t = w.t;
  t.life = 'synchronized';
  processAck(w, seg);
  sampleRtt(w);
  if (t.user === 'connecting') result(w, 'connect', 'ok');
  // A passive open joins the accept queue: from now on its errors wait for the application.
  if (t.user !== 'orphan') t.user = 'application';
  armKeepalive(w);
}

/** ACK processing in a synchronized state (RFC 9293 §3.10.7.4, fifth check). */
export function processAck(w: Work, seg: Segment): void {
  const t = w.t;
  if (seg.ack === null) return;
  if (ackAdvances(t, seg)) {
    const ack = seg.ack;
    t.flight = t.flight.filter((f) => seqLt(ack, seqAdd(f.seq, segLength(f))));
    t.sndUna = ack;
    t.retransmits = 0;
    t.budgetFrom = null;
    t.rto = t.rtoBase;
    if (finSent(t) && ack === t.sndNxt) t.fin = 'acked';
    if (t.flight.length === 0) disarm(w, 'rto');
    else arm(w, 'rto', t.rto);
  }
  t.sndWnd = seg.win;
}

/** Take in-order data and the FIN; acknowledge what arrived (RFC 9293 §3.10.7.4, seventh and eighth checks). */
export function processText(w: Work, seg: Segment): void {
  const t = w.t;
  let ackNeeded = false;
  if (seg.len > 0) {
    if (seqLe(seg.seq, t.rcvNxt) && carriesNewData(t, seg)) {
      const fresh = Math.min(seqDiff(seqAdd(seg.seq, seg.len), t.rcvNxt), rcvWnd(t));
      t.recvQueue += fresh;
      t.rcvNxt = seqAdd(t.rcvNxt, fresh);
    }
    ackNeeded = true;
  }
  if (finIsNext(t, seg) && seqAdd(seg.seq, seg.len) === t.rcvNxt) {
    t.rcvNxt = seqAdd(t.rcvNxt, 1);
    t.peerFin = true;
    ackNeeded = true;
  }
  if (ackNeeded) sendAck(w);
}

/** Everything a synchronized endpoint does with an acceptable segment, then send what it can. */
export function receive(w: Work, seg: Segment): void {
  processAck(w, seg);
  processText(w, seg);
  if (w.t.keepalive && w.t.life !== 'ended') {
    w.t.probesOut = 0;
    armKeepalive(w);
  }
  pump(w);
}
