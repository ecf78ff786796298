/** The wire between hosts: one-way delay, partitions, and chosen losses. */
import type { Micros } from './scenario.ts';
import { flagsOf, type Segment } from './segment.ts';
import type { DropWhy, Flag } from './trace.ts';

interface DropRule {
  from: string;
  to: string;
  flags?: Flag[];
  data?: boolean;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export class Network {
  /** One-way delay; DESIGN.md's default is 50 ms. */
  delay: Micros = 50_000;
  private cut = new Set<string>();
  private rules: DropRule[] = [];
  private hosts: readonly string[];

  constructor(hosts: readonly string[]) {
    this.hosts = hosts;
  }

  partition(between?: [string, string]): void {
    for (const key of this.pairs(between)) this.cut.add(key);
  }

  heal(between?: [string, string]): void {
    for (const key of this.pairs(between)) this.cut.delete(key);
  }

  isCut(a: string, b: string): boolean {
    return this.cut.has(pairKey(a, b));
  }

  dropNext(rule: DropRule): void {
    this.rules.push(rule);
  }

  /** Decide, as a segment leaves, whether the network loses it and why. */
  lose(from: string, to: string, seg: Segment): DropWhy | null {
    if (this.rules.length === 0 && this.cut.size === 0) return null;
    const i = this.rules.findIndex((r) => r.from === from && r.to === to && matches(r, seg));
    if (i >= 0) {
      this.rules.splice(i, 1);
      return 'drop-next';
    }
    return this.cut.has(pairKey(from, to)) ? 'partition' : null;
  }

  private pairs(between?: [string, string]): string[] {
    if (between) return [pairKey(between[0], between[1])];
    const keys: string[] = [];
    for (const a of this.hosts) for (const b of this.hosts) if (a < b) keys.push(pairKey(a, b));
    return keys;
  }
}

/** `data` matches any segment with payload; flags match exactly, PSH aside. */
function matches(rule: DropRule, seg: Segment): boolean {
  if (rule.data) return seg.len > 0;
  if (!rule.flags) return true;
  const have = flagsOf(seg).filter((f) => f !== 'PSH');
  const want = rule.flags.filter((f) => f !== 'PSH');
  return have.length === want.length && want.every((f) => have.includes(f));
}
