/**
 * An `expect:` block as typed checks: hosts resolved, each check with the line of the key
 * that wrote it. `checksFor` gives the checks that apply under one profile.
 */
import type { Flag, ProfileName } from '../model/trace.ts';
import { readResult, type ExpectDoc, type ResultPattern } from './expect-schema.ts';
import { readSegment, readWire, resolveHost, type Read, type WrittenSegment } from './notation.ts';

export type { ResultPattern } from './expect-schema.ts';

/** A segment to look for: sent by `host` with exactly these flags. */
export interface SegmentPattern {
  host: string;
  flags: Flag[];
}

/** One thing the model must do; `line` is where its key is written. */
export type Check = { line: number | null } & (
  | { kind: 'wire'; segments: SegmentPattern[] }
  | { kind: 'wire-includes'; segments: SegmentPattern[] }
  | { kind: 'never'; segment: SegmentPattern }
  | { kind: 'results'; host: string; expected: ResultPattern[] }
);

export const EXPECT_KEYS = ['wire', 'wire-includes', 'never', 'results'] as const;
export type ExpectKey = (typeof EXPECT_KEYS)[number];

/** Checks by the key that wrote them; an override's `~` is an empty list. */
export type CheckSet = Partial<Record<ExpectKey, Check[]>>;

export interface ExpectBlock {
  base: CheckSet;
  overrides: Partial<Record<ProfileName, CheckSet>>;
}

/** The checks under `profile`: the profile's keys replace the same keys of the block, the others stay. */
export function checksFor(block: ExpectBlock, profile: ProfileName): Check[] {
  const override = block.overrides[profile] ?? {};
  return EXPECT_KEYS.flatMap((key) => override[key] ?? block.base[key] ?? []);
}

export interface ExpectProblem {
  path: PropertyKey[];
  message: string;
}

type Lines = (path: readonly PropertyKey[]) => number | null;
type KeysDoc = Pick<ExpectDoc, ExpectKey>;
type OverrideDoc = { [K in ExpectKey]?: KeysDoc[K] | null };

/** Reads a block that passed the schema: resolves host names and locates every check. */
export function readExpect(
  doc: ExpectDoc,
  hosts: readonly string[],
  lineAt: Lines,
): { block: ExpectBlock; problems: ExpectProblem[] } {
  const problems: ExpectProblem[] = [];
  if (Object.keys(doc).length === 0) {
    const message = `expect: checks nothing — give at least one of ${EXPECT_KEYS.join(', ')}, linux or rfc9293`;
    problems.push({ path: ['expect'], message });
  }
  const reader = { hosts, lineAt, problems };
  const block: ExpectBlock = { base: readKeys(doc, ['expect'], reader), overrides: {} };
  for (const profile of ['linux', 'rfc9293'] as const) {
    const override = doc[profile];
    if (override !== undefined) block.overrides[profile] = readKeys(override, ['expect', profile], reader);
  }
  return { block, problems };
}

interface Reader {
  hosts: readonly string[];
  lineAt: Lines;
  problems: ExpectProblem[];
}

function readKeys(doc: OverrideDoc, at: PropertyKey[], reader: Reader): CheckSet {
  const set: CheckSet = {};
  for (const kind of ['wire', 'wire-includes'] as const) {
    const text = doc[kind];
    if (text === undefined) continue;
    const path = [...at, kind];
    const segments = text === null ? undefined : resolve(readWire(text), path, reader);
    set[kind] = segments === undefined ? [] : [{ kind, segments, line: reader.lineAt(path) }];
  }
  if (doc.never !== undefined) {
    set.never = (doc.never ?? []).flatMap((text, i): Check[] => {
      const path = [...at, 'never', i];
      const read = readSegment(text);
      const [segment] = resolve(read.ok ? { ok: true, value: [read.value] } : read, path, reader) ?? [];
      return segment === undefined ? [] : [{ kind: 'never', segment, line: reader.lineAt(path) }];
    });
  }
  if (doc.results !== undefined) set.results = resultChecks(doc.results ?? {}, [...at, 'results'], reader);
  return set;
}

/** Written segments with their hosts resolved, or undefined after recording the problem. */
function resolve(read: Read<WrittenSegment[]>, path: PropertyKey[], reader: Reader): SegmentPattern[] | undefined {
  const where = fieldName(path);
  if (!read.ok) {
    reader.problems.push({ path, message: `${where}: ${read.message}` });
    return undefined;
  }
  const resolved: SegmentPattern[] = [];
  for (const [i, segment] of read.value.entries()) {
    const host = resolveHost(segment.host, reader.hosts);
    if (!host.ok) {
      const which = typeof path[path.length - 1] === 'number' ? '' : `segment ${i + 1} `;
      reader.problems.push({ path, message: `${where}: ${which}'${segment.text}': ${host.message}` });
      return undefined;
    }
    resolved.push({ host: host.value, flags: segment.flags });
  }
  return resolved;
}

function resultChecks(doc: Record<string, string[]>, at: PropertyKey[], reader: Reader): Check[] {
  const checks: Check[] = [];
  const seen = new Map<string, string>();
  for (const [key, items] of Object.entries(doc)) {
    const path = [...at, key];
    const host = resolveHost(key, reader.hosts);
    if (!host.ok) {
      reader.problems.push({ path, message: `${fieldName(at)}: ${host.message}` });
      continue;
    }
    const first = seen.get(host.value);
    if (first !== undefined) {
      reader.problems.push({
        path,
        message: `${fieldName(at)}: '${first}' and '${key}' both name host '${host.value}'`,
      });
      continue;
    }
    seen.set(host.value, key);
    const expected: ResultPattern[] = [];
    for (const item of items) {
      const read = readResult(item);
      if (read.ok) expected.push(read.value); // the schema has refused the others already
    }
    checks.push({ kind: 'results', host: host.value, expected, line: reader.lineAt(path) });
  }
  return checks;
}

/** `expect.rfc9293.wire`, `expect.never[2]`. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
