/**
 * The cheat sheet of lesson 11: its cases, read from content/cheat-sheet/<locale>.yaml and
 * checked, and what the model shows in each case's scenarios, so that a learner can find the
 * cases behind what they saw ("I got ECONNRESET", "the server sent a RST").
 * The cases' texts are written by hand; what each scenario shows comes from running it.
 */
import { z } from 'zod';
import type { ProfileName, Trace } from '../model/index.ts';
import { readYamlTree } from '../scenario/yaml-tree.ts';

const text = z.string().trim().min(1);

export const CaseSchema = z.strictObject({
  /** The lesson that explains the case: `02-closed-port-time-wait`. */
  lesson: z.string().regex(/^\d\d-[a-z0-9-]+$/, 'expected a lesson such as 02-closed-port-time-wait'),
  /** Scenario ids from exercises/scenarios/, the first one naming the case. */
  scenarios: z.array(z.string().regex(/^[a-z0-9-]+$/, 'expected a scenario id such as closed-port')).min(1),
  situation: text,
  wire: text,
  outcome: text,
  sees: text,
});
export type CheatCase = z.infer<typeof CaseSchema>;

/** The cases of one file, or an Error whose lines name the file and line of each mistake. */
export function parseCases(source: string, file: string): CheatCase[] {
  const read = readYamlTree(source);
  if (!read.ok) throw new Error(read.problems.map((p) => `${file}:${p.line ?? 1}: ${p.message}`).join('\n'));
  const result = z.array(CaseSchema).min(1, 'expected a list of cases').safeParse(read.tree.value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const [index, field] = issue.path;
    const where =
      typeof index === 'number' ? `case ${index + 1}${field === undefined ? '' : `, ${String(field)}`}: ` : '';
    return `${file}:${read.tree.lineAt(issue.path) ?? 1}: ${where}${issue.message}`;
  });
  throw new Error(lines.join('\n'));
}

/** What a learner may have seen, in the order the filter offers it. */
export const SYMPTOMS = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'eof',
  'rst-server',
  'rst-client',
  'rst-forged',
  'fin-no-rst',
  'quiet',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** Symptoms a program sees from a call; the others are seen on the wire. */
export const PROGRAM_SYMPTOMS: readonly Symptom[] = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'eof'];

const ERRNO_SYMPTOMS = new Set<string>(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/**
 * What one run shows, each symptom with the hosts it concerns: who got the error or the end of
 * stream, who sent the RST. A RST the network injected counts as forged, whoever it claims to be.
 */
export function symptomsOf(trace: Trace): Map<Symptom, Set<string>> {
  const found = new Map<Symptom, Set<string>>();
  const add = (symptom: Symptom, host?: string) => {
    const hosts = found.get(symptom) ?? new Set<string>();
    if (host !== undefined) hosts.add(host);
    found.set(symptom, hosts);
  };
  for (const event of trace.events) {
    if (event.kind === 'call' && ERRNO_SYMPTOMS.has(event.result)) add(event.result as Symptom, event.host);
    if (event.kind === 'error' && ERRNO_SYMPTOMS.has(event.errno)) add(event.errno as Symptom, event.host);
    if (event.kind === 'call' && event.call === 'recv' && event.result === 'eof') add('eof', event.host);
  }
  let reset = false;
  let fin = false;
  for (const segment of trace.segments) {
    fin ||= segment.flags.includes('FIN');
    if (!segment.flags.includes('RST')) continue;
    reset = true;
    if (segment.reason === 'forged') add('rst-forged');
    else if (segment.from === 'server') add('rst-server', segment.from);
    else if (segment.from === 'client') add('rst-client', segment.from);
  }
  if (!reset) add(fin ? 'fin-no-rst' : 'quiet');
  return found;
}

/** A symptom of one scenario: the hosts it concerns, and the profiles under which it shows. */
export interface Evidence {
  symptom: Symptom;
  hosts: string[];
  profiles: ProfileName[];
}

/** Merge the runs of one scenario under several profiles, in SYMPTOMS order. */
export function evidenceOf(runs: readonly Trace[]): Evidence[] {
  const all = runs.map((trace) => ({ profile: trace.profile, found: symptomsOf(trace) }));
  return SYMPTOMS.flatMap((symptom) => {
    const seen = all.filter((run) => run.found.has(symptom));
    if (seen.length === 0) return [];
    const hosts = [...new Set(seen.flatMap((run) => [...(run.found.get(symptom) ?? [])]))].sort();
    return [{ symptom, hosts, profiles: seen.map((run) => run.profile) }];
  });
}

/** The scenarios a lesson's MDX draws, with the profile each is drawn under (undefined: its own). */
export function scenariosDrawnIn(mdx: string): { id: string; profile: ProfileName | undefined }[] {
  const drawn: { id: string; profile: ProfileName | undefined }[] = [];
  const profile = (tag: string, name: string): ProfileName | undefined => {
    const value = new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
    return value === 'linux' || value === 'rfc9293' ? value : undefined;
  };
  for (const [tag = '', kind] of mdx.matchAll(/<(Scenario|Compare)\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
    if (kind === 'Scenario') {
      const id = attr('id');
      if (id) drawn.push({ id, profile: profile(tag, 'profile') });
    } else {
      // A belief beside reality draws the scenario as linux runs it (second diagram).
      const real = attr('belief') ? attr('scenario') : undefined;
      if (real) drawn.push({ id: real, profile: 'linux' });
      const a = attr('a');
      const b = attr('b');
      if (a) drawn.push({ id: a, profile: profile(tag, 'profileA') });
      if (b) drawn.push({ id: b, profile: profile(tag, 'profileB') });
    }
  }
  return drawn;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A case's text as HTML: escaped, with `code`, **bold** and *italics*. */
export function inlineHtml(source: string): string {
  const parts = source.split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      const escaped = part.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
      if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return `<code>${escaped.slice(1, -1)}</code>`;
      return escaped.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/\*([^*]+)\*/g, '<em>$1</em>');
    })
    .join('');
}
