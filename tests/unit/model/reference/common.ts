/**
 * What the reference checks in this folder share. Every scenario in exercises/scenarios/
 * that has them is simulated under both profiles and its trace is checked against
 * article/behaviour.md (rules R1–R15, the cases table, the Profiles table), the Linux
 * captures in article/linux-captures/ and RFC 9293, one file per section of behaviour.md.
 * The expected values come from those documents, never from the model's own output: when
 * the model disagrees, the test fails.
 *
 * Retransmission counts and timings are a profile detail (behaviour.md: "no exercise
 * should hinge on it"); only inequalities such as "at least two SYNs" are checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../../src/model/catalogue.ts';
import type { ProfileName, Trace } from '../../../../src/model/trace.ts';
import {
  PROFILE_NAMES,
  first,
  isRst,
  one,
  rstsFrom,
  run,
  runFresh,
  segs,
  seqEnd,
  sndNxt,
  step,
  type ScenarioFile,
} from '../helpers.ts';

/** A scenario's trace under a profile (memoised). */
export type TraceOf = (profile: ProfileName) => Trace;

export const EPS = 1e-9;

/** What a profile-specific expectation looks like in a test name. */
export const ABORT_FORM: Record<ProfileName, string> = { linux: 'R.', rfc9293: 'R' };
/** behaviour.md R9 / Profiles table: what a RST received in CLOSE-WAIT reports. */
export const RESET_IN_CLOSE_WAIT: Record<ProfileName, string> = { linux: 'EPIPE', rfc9293: 'ECONNRESET' };

/**
 * R5: a close with received data still unread (by the application's close() or the kernel's,
 * for a process that ended, R8) sends a reset instead of FIN, at the step labelled `at`:
 * seq = SND.NXT; Linux R. with ack = RCV.NXT, RFC 9293 R without ACK (§3.10.5).
 */
export function unreadDataReset(trace: TraceOf, at: string, source: string): void {
  for (const p of PROFILE_NAMES) {
    it(`${p}: with unread data the server sends a reset instead of FIN, seq = SND.NXT (${source}; R5)`, () => {
      const t = trace(p);
      expect(segs(t, { from: 'server', fin: true })).toEqual([]);
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.step).toBe(step(t, at).index);
      expect(rst.seq).toBe(sndNxt(t, 'server', clientPort(t), rst.t));
      expect(rst.reason).toBe('close-unread-data');
    });
  }

  it(`linux: the reset is R. with ack = RCV.NXT, all the client's data (${source}: s:R.)`, () => {
    const t = trace('linux');
    const rst = one(t, { from: 'server', rst: true });
    expect(rst.flags).toEqual(['RST', 'ACK']);
    expect(rst.ack).toBe(seqEnd(one(t, { from: 'client', data: true })));
  });

  it('rfc9293: the reset is R without ACK (<SEQ=SND.NXT><CTL=RST>, §3.10.5)', () => {
    expect(one(trace('rfc9293'), { from: 'server', rst: true }).flags).toEqual(['RST']);
  });
}

/**
 * One `describe` per scenario id, with the checks every scenario gets (rule catalogue,
 * R3, determinism) added to the scenario-specific ones in `body`.
 */
export function scenario(id: string, body: (trace: TraceOf) => void): void {
  describe(id, () => {
    body((profile) => run(id, profile));

    for (const p of PROFILE_NAMES) {
      it(`${p}: every segment carries a reason from the rule catalogue; RSTs carry reset reasons, FINs FIN reasons`, () => {
        const t = run(id, p);
        for (const s of t.segments) {
          const entry = CATALOGUE[s.reason];
          expect(entry, `segment ${s.i} reason '${s.reason}'`).toBeDefined();
          // A forged segment (network: inject) is an attacker's, not a rule's: exempt.
          if (isRst(s) && s.reason !== 'forged') expect(entry.kind, `RST ${s.i} (${s.reason})`).toBe('rst');
          if (entry.kind === 'rst') expect(isRst(s), `segment ${s.i} has reason ${s.reason} but no RST`).toBe(true);
          if (entry.kind === 'fin')
            expect(s.flags, `segment ${s.i} has reason ${s.reason} but no FIN`).toContain('FIN');
        }
      });

      it(`${p}: no RST is ever sent in reply to a RST (R3)`, () => {
        const t = run(id, p);
        for (const r of rstsFrom(t)) {
          if (r.reason === 'forged') continue;
          const trigger = t.segments.filter(
            (s) =>
              s.delivered &&
              s.to === r.from &&
              s.sport === r.dport &&
              s.dport === r.sport &&
              Math.abs(s.arrival - r.t) < EPS,
          );
          expect(trigger.filter(isRst), `RST ${r.i} (${r.reason}) answers a RST`).toEqual([]);
        }
      });

      it(`${p}: simulating twice gives the same trace (determinism)`, () => {
        expect(JSON.stringify(runFresh(id, p))).toBe(JSON.stringify(runFresh(id, p)));
      });
    }
  });
}

/** The client's port of its first connection (the sport of its first SYN). */
export const clientPort = (t: Trace, q: { during?: string | number } = {}): number =>
  first(t, { from: 'client', flags: 'S', ...q }).sport;

// ── coverage ──────────────────────────────────────────────────────────────────

/** This folder. */
export const REFERENCE_DIR = import.meta.dirname;

/**
 * The scenario ids the reference files in `dir` check: the literal first argument of each
 * `scenario('id', …)` call. A call written any other way is a problem, so no check is
 * missed by this reading of the source.
 */
export function referenceCheckIds(dir = REFERENCE_DIR): { ids: Set<string>; problems: string[] } {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const call of text.matchAll(/^scenario\((.*)$/gm)) {
      const id = /^'([a-z0-9-]+)',/.exec(call[1] ?? '')?.[1];
      if (id === undefined) problems.push(`${file}: write scenario('ID', …) with the id in quotes: ${call[0]}`);
      else if (ids.has(id)) problems.push(`${file}: '${id}' has reference checks in two places`);
      else ids.add(id);
    }
  }
  return { ids, problems };
}

/**
 * A scenario file is covered by hand-written reference checks or by its own `expect:`
 * block; a reference check needs a scenario file.
 */
export function coverageGaps(
  files: readonly Pick<ScenarioFile, 'file' | 'id' | 'expects'>[],
  referenced: ReadonlySet<string>,
): { uncovered: string[]; withoutFile: string[] } {
  const ids = new Set(files.map((f) => f.id ?? f.file));
  return {
    uncovered: files.filter((f) => !f.expects && !referenced.has(f.id ?? f.file)).map((f) => f.file),
    withoutFile: [...referenced].filter((id) => !ids.has(id)).sort(),
  };
}
