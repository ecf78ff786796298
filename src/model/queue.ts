/**
 * The simulator's agenda: a binary heap ordered by time, then arrivals before timers,
 * then hosts in the order the scenario lists them, then first come first served.
 */
import type { Micros } from './scenario.ts';

export interface Agendum {
  t: Micros;
  /** 0 for a segment arriving, 1 for a timer. */
  cls: 0 | 1;
  host: number;
  order: number;
}

function before(a: Agendum, b: Agendum): boolean {
  if (a.t !== b.t) return a.t < b.t;
  if (a.cls !== b.cls) return a.cls < b.cls;
  if (a.host !== b.host) return a.host < b.host;
  return a.order < b.order;
}

export class Agenda<T extends Agendum> {
  private heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
