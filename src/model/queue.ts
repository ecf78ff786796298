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
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    this.heap.push(item);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): T | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(l, m)) m = l;
      if (r < h.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    return a !== undefined && b !== undefined && before(a, b);
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i];
    const b = this.heap[j];
    if (a === undefined || b === undefined) return;
    this.heap[i] = b;
    this.heap[j] = a;
  }
}
