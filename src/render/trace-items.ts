/**
 * A trace as a time line of items, the way the sequence diagram and the player walk it:
 * segments and events merged in time order, runs of back-to-back segments grouped into one
 * drawn frame, and the timers that ran. Pure: a trace in, plain data out.
 */
import type { Trace, TraceEvent, TraceSegment } from '../model/trace.ts';

export type TraceItem =
  { kind: 'segment'; t: number; seg: TraceSegment } | { kind: 'event'; t: number; event: TraceEvent };

/**
 * Segments and events in one time line: by time, then by scenario step (a step's work comes
 * before the next step's at the same moment), then a segment leaving before the events it caused.
 */
export function traceItems(trace: Trace): TraceItem[] {
  const keyed: { item: TraceItem; step: number; order: number }[] = [
    ...trace.segments.map((seg, i) => ({
      item: { kind: 'segment' as const, t: seg.t, seg },
      step: seg.step,
      order: i,
    })),
    ...trace.events.map((event, i) => ({
      item: { kind: 'event' as const, t: event.t, event },
      step: event.step,
      order: trace.segments.length + i,
    })),
  ];
  keyed.sort(
    (a, b) =>
      a.item.t - b.item.t ||
      a.step - b.step ||
      (a.item.kind === b.item.kind ? 0 : a.item.kind === 'segment' ? -1 : 1) ||
      a.order - b.order,
  );
  return keyed.map(({ item }) => item);
}

/** A timer that ran and fired: from when it was started to when it fired, on one host. */
export interface TimerSpan {
  host: string;
  socket: string;
  timer: string;
  from: number;
  to: number;
  /** Index, in traceItems() order, of the event that reports the timer firing. */
  item: number;
}

/**
 * When each fired timer started, read back from the trace: a retransmission timer from the
 * last time that segment was sent, TIME-WAIT and FIN-WAIT-2 from entering the state, the
 * application's connect timeout and the SYN timer from the connect, keepalive from the last
 * segment the host received on that connection or its previous probe.
 */
export function timerSpans(trace: Trace, items: TraceItem[] = traceItems(trace)): TimerSpan[] {
  const spans: TimerSpan[] = [];
  items.forEach((item, index) => {
    if (item.kind !== 'event' || item.event.kind !== 'timer') return;
    const ev = item.event;
    const socket = ev.socket ?? '';
    const before = items.slice(0, index);
    let from: number | undefined;
    const lastState = (to: string) =>
      [...before]
        .reverse()
        .find(
          (i) =>
            i.kind === 'event' &&
            i.event.kind === 'state' &&
            i.event.host === ev.host &&
            i.event.socket === socket &&
            i.event.to === to,
        )?.t;
    if (ev.timer === 'time-wait') from = lastState('TIME-WAIT');
    else if (ev.timer === 'fin-wait-2') from = lastState('FIN-WAIT-2');
    else if (ev.timer === 'connect') from = lastState('SYN-SENT');
    else {
      // The retransmitted (or probing) segment leaves at the moment the timer fires.
      const resent = trace.segments.find(
        (seg) =>
          seg.from === ev.host &&
          seg.t === ev.t &&
          (seg.retransmission || seg.reason === 'keepalive-probe' || seg.reason === 'keepalive-expired'),
      );
      const earlier = [...before].reverse().find((i) => {
        if (ev.timer === 'keepalive' && i.kind === 'event')
          return i.event.kind === 'call' && i.event.call === 'keepalive' && i.event.host === ev.host;
        if (i.kind !== 'segment' || i.t >= ev.t) return false;
        if (ev.timer === 'keepalive')
          return (
            (i.seg.to === ev.host && i.seg.delivered && i.seg.arrival < ev.t) ||
            (i.seg.from === ev.host && i.seg.reason === 'keepalive-probe')
          );
        return i.seg.from === ev.host && (resent ? i.seg.seq === resent.seq && i.seg.sport === resent.sport : true);
      });
      from = earlier?.kind === 'segment' && earlier.seg.to === ev.host ? earlier.seg.arrival : earlier?.t;
    }
    if (from !== undefined && from < ev.t)
      spans.push({ host: ev.host, socket, timer: ev.timer, from, to: ev.t, item: index });
  });
  return spans;
}

/** A segment that can join a burst: plain data or a plain ACK, delivered, not a retransmission. */
function burstable(item: TraceItem): item is { kind: 'segment'; t: number; seg: TraceSegment } {
  if (item.kind !== 'segment') return false;
  const seg = item.seg;
  const plain = seg.flags.every((f) => f === 'ACK' || f === 'PSH');
  return plain && seg.delivered && !seg.retransmission;
}

/** Fewer back-to-back segments than this are drawn one by one. */
export const BURST_MIN = 3;

/**
 * The frames the diagram draws and the player steps through: indexes into traceItems(), one
 * item per frame, except that a run of at least BURST_MIN back-to-back segments of the same
 * kind (data, or bare ACKs) from the same host at the same moment is one frame.
 */
export function frameGroups(items: TraceItem[]): number[][] {
  const groups: number[][] = [];
  let i = 0;
  while (i < items.length) {
    const first = items[i];
    let j = i + 1;
    if (first && burstable(first)) {
      const data = first.seg.len > 0;
      while (j < items.length) {
        const next = items[j];
        if (!next || !burstable(next)) break;
        if (next.t !== first.t || next.seg.from !== first.seg.from || next.seg.to !== first.seg.to) break;
        if (next.seg.len > 0 !== data) break;
        j++;
      }
      if (j - i < BURST_MIN) j = i + 1;
    }
    groups.push(Array.from({ length: j - i }, (_, k) => i + k));
    i = j;
  }
  return groups;
}

/** What a segment is, for comparing two traces: who sent it to whom, its flags and length. */
export function segmentSignature(seg: TraceSegment): string {
  return `${seg.from}>${seg.to} ${seg.flags.join('+')} ${seg.len}`;
}

/**
 * The segments each of two traces has and the other lacks, by signature: what <Compare> and the
 * playground mark (a belief's trace beside what TCP does, or two scenarios side by side).
 */
export function traceDiff(
  a: Pick<Trace, 'segments'>,
  b: Pick<Trace, 'segments'>,
): { onlyA: string[]; onlyB: string[] } {
  const sigsA = new Set(a.segments.map(segmentSignature));
  const sigsB = new Set(b.segments.map(segmentSignature));
  return { onlyA: [...sigsA].filter((sig) => !sigsB.has(sig)), onlyB: [...sigsB].filter((sig) => !sigsA.has(sig)) };
}
