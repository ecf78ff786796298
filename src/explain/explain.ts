/**
 * The explainer: a capture in, every TCP connection out with a summary, and for every RST
 * and FIN the rule behind it, ranked candidates, the wire evidence, and which hypotheses
 * the model confirmed by reproducing the segment (Contract 4 of DESIGN.md).
 */
import { CaptureReader } from './capture.ts';
import { checkStory } from './confirm.ts';
import { RETRY_NOTICE, finEvidence, isSuspicious, rank, resetEvidence, resetNotices, sideName } from './evidence.ts';
import { ACK, endpoint, flagNames } from './packet.ts';
import type { ConnectionReport, EndReport, Report } from './report.ts';
import { scenarioText } from './scenario-build.ts';
import { forgedStory, resetStories } from './reset-stories.ts';
import { finStories, situation, type Story } from './stories.ts';
import { keptSegments, type Conn, type EndEvent } from './conn.ts';
import { Tracker } from './track.ts';
import { signature } from './wire.ts';
import { WORDS, reasonLesson, reasonSentence, span, type Lang, type Verdict } from './words.ts';
import { zeekState } from './zeek.ts';

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
