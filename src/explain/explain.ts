/**
 * The explainer: a capture in, every TCP connection out with a summary, and for every RST
 * and FIN the rule behind it, ranked candidates, the wire evidence, and which hypotheses
 * the model confirmed by reproducing the segment (Contract 4 of DESIGN.md).
 */
import { PROFILES } from '../model/profiles.ts';
import type { ProfileName, Reason } from '../model/trace.ts';
import { CaptureReader, type CaptureFormat } from './capture.ts';
import type { CaptureWarning } from './errors.ts';
import { ACK, RST, endpoint, flagNames, seqDiff, type SkipWhy } from './packet.ts';
import { checkStory, type Hypothesis } from './confirm.ts';
import { scenarioText } from './scenario-build.ts';
import {
  finStories,
  forgedStory,
  resetStories,
  rfc5961Class,
  situation,
  type Situation,
  type Story,
} from './stories.ts';
import { Tracker, keptSegments, type Conn, type EndEvent, type Side } from './track.ts';
import { segKind, signature, type Signature } from './wire.ts';
import { WORDS, reasonLesson, reasonSentence, span, type Lang, type Verdict } from './words.ts';
import { zeekState, type ZeekState } from './zeek.ts';

export interface CheckedHypothesis {
  reason: Reason;
  profile: ProfileName;
  variant: string;
  /** The model reproduced the segment with this story. */
  confirmed: boolean;
  /** False when the model cannot stage the story: it fits the wire, unchecked. */
  checked: boolean;
}

export interface EndReport {
  /** Capture time stamp of the segment (seconds). */
  t: number;
  /** Seconds since the connection's first segment. */
  dt: number;
  packet: number;
  from: string;
  side: 'client' | 'server';
  flags: string[];
  seq: number;
  ack: number | null;
  len: number;
  reason: Verdict;
  sentence: string;
  lesson: string | null;
  /** The sender's probable state before it, from the simulation that confirmed the reason. */
  state: string | null;
  candidates: Verdict[];
  confirmed: boolean;
  confirmedBy: Reason[];
  evidence: string;
  model: string;
  notices: string[];
  hypotheses: CheckedHypothesis[];
  /** The scenario the explainer built for the reason, in the scenario language. */
  scenario: string | null;
}

export interface DrawnSegment {
  n: number;
  dt: number;
  from: Side;
  flags: string[];
  seq: number;
  ack: number | null;
  len: number;
  win: number;
  rtx: boolean;
}

export interface ConnectionReport {
  id: number;
  client: string;
  server: string;
  openerSeen: boolean;
  start: number;
  end: number;
  packets: number;
  bytes: { client: number; server: number };
  state: ZeekState;
  ended: string;
  summary: string;
  resets: EndReport[];
  fins: EndReport[];
  /** Resets and FINs past the explainer's limit per connection, counted only. */
  moreEnds: number;
  notices: string[];
  /** Initial sequence numbers seen, for relative numbers: client, server. */
  isn: [number | null, number | null];
  /** The first and last segments (a long connection's middle is left out: `elided` segments after the first `head`). */
  segments: DrawnSegment[];
  elided: { after: number; count: number } | null;
}

export interface Report {
  file: string;
  format: CaptureFormat | null;
  records: number;
  tcp: number;
  connections: ConnectionReport[];
  skipped: Partial<Record<SkipWhy, number>>;
  warnings: CaptureWarning[];
  warningCount: number;
}

const RST_ORDER: readonly Reason[] = [
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
const FIN_ORDER: readonly Reason[] = ['close', 'exit', 'shutdown', 'power-off'];
/** A reset this long after the sender's last word is worth a notice (issue 10: "silent for minutes"). */
const SILENCE = 120;
const RETRY_NOTICE = 3;

const sideName = (side: Side) => (side === 0 ? 'client' : 'server');

/** Explains one connection, once the tracker is done with it. */
export function explainConnection(conn: Conn, lang: Lang, file: string, withSegments = true): ConnectionReport {
  const w = WORDS[lang];
  const client = endpoint(conn.ip[0], conn.port[0]);
  const server = endpoint(conn.ip[1], conn.port[1]);
  const ends = conn.events.map((ev, k) => explainEnd(conn, ev, k, lang, file));
  const notices: string[] = [];
  for (const side of [0, 1] as const) {
    const run = conn.sides[side].longestRun;
    if (run === null || run.count < RETRY_NOTICE) continue;
    const quiet = conn.sides[side].lastLiveT === run.to;
    notices.push(w.notice.retries(w[sideName(side)], run.count, span(run.to - run.from, lang), quiet));
  }
  const state = zeekState(conn);
  const ended = endedText(conn, lang);
  const opened = conn.openerSeen ? w.opened(client) : w.guessed(client);
  const kept = keptSegments(conn);
  return {
    id: conn.id,
    client,
    server,
    openerSeen: conn.openerSeen,
    start: conn.first,
    end: conn.last,
    packets: conn.packets,
    bytes: { client: conn.sides[0].bytes, server: conn.sides[1].bytes },
    state,
    ended,
    summary: `${client} → ${server}${w.colon}${[opened, ended, w.bytes(conn.sides[0].bytes, conn.sides[1].bytes), `Zeek ${state}`].join(w.sep)}`,
    resets: ends.filter((e) => e.flags.includes('RST')),
    fins: ends.filter((e) => !e.flags.includes('RST')),
    moreEnds: conn.moreEvents,
    notices,
    isn: [conn.sides[0].isn, conn.sides[1].isn],
    segments: (withSegments ? kept : []).map((s) => ({
      n: s.n,
      dt: s.t - conn.first,
      from: s.from,
      flags: flagNames(s.flags),
      seq: s.seq,
      ack: s.ack,
      len: s.len,
      win: s.win,
      rtx: s.rtx,
    })),
    elided: conn.elided > 0 ? { after: conn.head.length, count: conn.elided } : null,
  };
}

function endedText(conn: Conn, lang: Lang): string {
  const w = WORDS[lang];
  const [c, s] = conn.sides;
  const reset = conn.events.find((e) => e.kind === 'rst');
  if (reset !== undefined) {
    if (reset.seg.from === 1 && c.syn && !s.synAck) return w.ended.refused;
    return w.ended.reset(w[sideName(reset.seg.from)], span(reset.seg.t - conn.first, lang));
  }
  if (c.fin && s.fin) return w.ended.closed;
  if (c.fin || s.fin) return w.ended.half(w[sideName(c.fin ? 0 : 1)]);
  if (c.syn && !s.synAck) return w.ended.unanswered;
  return w.ended.open;
}

function explainEnd(conn: Conn, ev: EndEvent, k: number, lang: Lang, file: string): EndReport {
  const w = WORDS[lang];
  const sit = situation(conn, ev);
  const sig = signature(ev);
  const id = `explained-${conn.id}-${k + 1}`;
  const check = (story: Story) => checkStory(story, sit, sig, id);
  const stories = ev.kind === 'rst' ? resetStories(sit) : finStories(sit);
  let hypotheses = stories.map(check);
  // Not every capture comes from Linux: when Linux's rules reproduce nothing, try the letter of RFC 9293.
  if (!hypotheses.some((h) => h.confirmed)) {
    const rfc = stories.map((story) => checkStory(story, sit, sig, id, 'rfc9293')).filter((h) => h.confirmed);
    hypotheses = [...hypotheses, ...rfc];
  }
  const suspicious = ev.kind === 'rst' && isSuspicious(sit);
  if (ev.kind === 'rst' && (suspicious || !hypotheses.some((h) => h.confirmed))) {
    hypotheses = [...hypotheses, ...forgedStory(sit).map(check)];
  }
  // R1 (behaviour.md): a host with no connection answers a segment carrying ACK with a bare RST.
  hypotheses = hypotheses.filter((h) => h.checked || !(ev.seg.flags & ACK));
  const ranked = rank(hypotheses, sit, suspicious);
  let candidates: Verdict[] = ranked;
  if (candidates.length === 0 && ev.kind === 'rst' && sig.trigger === 'none') candidates = ['forged'];
  const reason: Verdict = candidates[0] ?? 'unknown';
  const confirmedBy = [...new Set(hypotheses.filter((h) => h.confirmed).map((h) => h.reason))];
  const top = hypotheses.find((h) => h.reason === reason && h.confirmed) ?? hypotheses.find((h) => h.reason === reason);
  const confirmed = top?.confirmed ?? false;
  const story = top === undefined ? '' : (w.variant[top.variant] ?? top.variant);
  const model = confirmed
    ? w.confirmed(story)
    : top !== undefined && !top.checked
      ? w.unchecked(story)
      : w.notConfirmed;
  const state =
    top?.confirmed !== true
      ? null
      : top.reason === 'forged'
        ? w.thirdParty
        : top.state === 'no socket'
          ? w.noSocket
          : top.state;
  const side = sideName(ev.seg.from);
  return {
    t: ev.seg.t,
    dt: ev.seg.t - conn.first,
    packet: ev.seg.n,
    from: endpoint(conn.ip[ev.seg.from], conn.port[ev.seg.from]),
    side,
    flags: flagNames(ev.seg.flags),
    seq: ev.seg.seq,
    ack: ev.seg.ack,
    len: ev.seg.len,
    reason,
    sentence: reasonSentence(reason, lang),
    lesson: reasonLesson(reason),
    state,
    candidates,
    confirmed,
    confirmedBy,
    evidence: ev.kind === 'rst' ? resetEvidence(sit, sig, lang) : finEvidence(sit, sig, lang),
    model,
    notices: ev.kind === 'rst' ? resetNotices(sit, lang) : [],
    hypotheses: hypotheses.map(({ reason: r, profile, variant, confirmed: c, checked }) => ({
      reason: r,
      profile,
      variant,
      confirmed: c,
      checked,
    })),
    scenario:
      top?.scenario == null
        ? null
        : scenarioText(
            {
              ...top.scenario,
              id,
              title: {
                en: `Explained: the ${side}’s ${ev.kind === 'rst' ? 'RST' : 'FIN'} (${reason})`,
                'zh-CN': `解释：${WORDS['zh-CN'][side]}的 ${ev.kind === 'rst' ? 'RST' : 'FIN'}（${reason}）`,
              },
            },
            [
              `Built by the TCP Reset Lab explainer from ${file}: the ${side}'s ${ev.kind === 'rst' ? 'RST' : 'FIN'} (packet ${ev.seg.n}).`,
              `Hypothesis: ${reason} (${top.variant}). Byte counts and pauses are rounded; only the connection's shape is kept.`,
            ],
          ),
  };
}

/** A reset a genuine endpoint would not send: out of the peer's window, not exactly RCV.NXT, or answered by a RST. */
function isSuspicious(sit: Situation): boolean {
  const cls = rfc5961Class(sit.ev);
  if (sit.triggerKind === null && cls !== null && cls !== 'exact') return true;
  return sit.conn.events.some(
    (e) => e.kind === 'rst' && e.seg.from === sit.x && e.index <= sit.ev.index && rfc5961Class(e) === 'out-of-window',
  );
}

function rank(hypotheses: Hypothesis[], sit: Situation, suspicious: boolean): Reason[] {
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

function resetEvidence(sit: Situation, sig: Signature, lang: Lang): string {
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

function finEvidence(sit: Situation, sig: Signature, lang: Lang): string {
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

function resetNotices(sit: Situation, lang: Lang): string[] {
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

export interface ExplainOptions {
  lang: Lang;
  /** Called for each connection as soon as it is explained (for output that streams). */
  onConnection?: (report: ConnectionReport) => void;
  /** Keep the reports in `Report.connections` (default true). */
  collect?: boolean;
  /** Include each connection's kept segments, for drawing (default true). */
  segments?: boolean;
}

/** Feeds a capture chunk by chunk; `end()` gives the report. */
export class Explainer {
  private readonly reader: CaptureReader;
  private readonly tracker: Tracker;
  private readonly connections: ConnectionReport[] = [];
  private readonly file: string;

  constructor(file: string, options: ExplainOptions) {
    this.file = file;
    const collect = options.collect ?? true;
    const segments = options.segments ?? true;
    this.tracker = new Tracker(
      (conn) => {
        const report = explainConnection(conn, options.lang, file, segments);
        options.onConnection?.(report);
        if (collect) this.connections.push(report);
      },
      // Without drawings, the handshake and the latest segments are all the explanation needs.
      segments ? {} : { head: 4, tail: 12 },
    );
    this.reader = new CaptureReader(file, (packet) => {
      this.tracker.add(packet);
    });
  }

  feed(chunk: Uint8Array): void {
    this.reader.feed(chunk);
  }

  end(): Report {
    const stats = this.reader.end();
    this.tracker.flush();
    return {
      file: this.file,
      format: stats.format,
      records: stats.records,
      tcp: stats.tcp,
      connections: this.connections.sort((a, b) => a.start - b.start || a.id - b.id),
      skipped: stats.skipped,
      warnings: stats.warnings,
      warningCount: stats.warningCount,
    };
  }
}

/** Explains a whole stream of chunks (a Node read stream, a File's stream). */
export async function explainStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  file: string,
  options: ExplainOptions,
): Promise<Report> {
  const explainer = new Explainer(file, options);
  for await (const chunk of chunks) explainer.feed(chunk);
  return explainer.end();
}
