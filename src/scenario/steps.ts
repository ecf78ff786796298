/** Steps as written (`- client: connect server:80`) to the model's typed Step. */
import type { Step } from '../model/scenario.ts';
import { parseDuration } from './duration.ts';
import { HOST_EVENTS, parseHostVerb } from './host-verbs.ts';
import { parseNetworkVerb } from './network-verbs.ts';
import { RESERVED_KEYS, STEP_KEY_PATTERN, type StepDoc } from './schema.ts';
import { closest, listWords } from './suggest.ts';

const STEP_KEY_RE = new RegExp(STEP_KEY_PATTERN);

/** A problem found in a step, located by its path in the document. */
export interface StepProblem {
  path: PropertyKey[];
  message: string;
}

/** A step that passed the schema: its index in `steps`, its value, and its keys as written (the value lost that order). */
export interface StepEntry {
  index: number;
  doc: StepDoc;
  keys: readonly string[];
}

type Lines = (path: readonly PropertyKey[]) => number | null;

/**
 * Reads steps into the model's Step. Only syntax and host names are checked
 * here: which socket a step means is decided when the model runs.
 */
export function readSteps(
  entries: readonly StepEntry[],
  hosts: readonly string[],
  lineAt: Lines,
): { steps: Step[]; problems: StepProblem[] } {
  const steps: Step[] = [];
  const problems: StepProblem[] = [];
  const labels = new Map<string, number | null>();
  for (const entry of entries) {
    const label = entry.doc.label;
    if (label !== undefined) {
      const path = ['steps', entry.index, 'label'];
      const first = labels.get(label);
      if (first === undefined) labels.set(label, lineAt(path));
      else
        problems.push({
          path,
          message: `duplicate label '${label}'${first === null ? '' : ` (first used on line ${first})`} — labels must be unique`,
        });
    }
    const read = readStep(entry, hosts, lineAt);
    if ('problem' in read) problems.push(read.problem);
    else steps.push(read.step);
  }
  return { steps, problems };
}

function readStep(
  { index, doc, keys: written }: StepEntry,
  hosts: readonly string[],
  lineAt: Lines,
): { step: Step } | { problem: StepProblem } {
  const path = ['steps', index];
  const keys = written.filter((k) => k !== 'label');
  // A misspelt key ("lable", "netwrok", "sever") explains more than "two actions" would.
  const unknown = keys.find((k) => k !== 'network' && k !== 'wait' && !hosts.includes(STEP_KEY_RE.exec(k)?.[1] ?? ''));
  if (unknown !== undefined && keys.length > 1) {
    return { problem: { path: [...path, unknown], message: unknownKey(unknown, hosts) } };
  }
  const [key, extra] = keys;
  if (key === undefined) {
    return {
      problem: { path, message: "this step has no action — expected 'HOST: VERB', 'network: …' or 'wait: DURATION'" },
    };
  }
  if (extra !== undefined) {
    const message = `a step has one action, this one has ${listWords(keys, 'and')} — start a new '- ' item for each`;
    return { problem: { path: [...path, extra], message } };
  }
  const problem = (message: string) => ({ problem: { path: [...path, key], message } });
  const value = doc[key] ?? '';
  const line = lineAt(path);
  const base = {
    text: `${key}: ${value.trim().split(/\s+/).join(' ')}`,
    ...(line === null ? {} : { line }),
    ...(doc.label === undefined ? {} : { label: doc.label }),
  };

  if (key === 'wait') return { step: { kind: 'wait', duration: parseDuration(value) ?? 0, ...base } };
  if (key === 'network') {
    const result = parseNetworkVerb(value, { hosts });
    return result.ok ? { step: { kind: 'network', action: result.value, ...base } } : problem(result.message);
  }
  const match = STEP_KEY_RE.exec(key);
  const host = match?.[1];
  const socket = match?.[3];
  if (host === undefined || !hosts.includes(host)) return problem(unknownKey(key, hosts));
  const result = parseHostVerb(value, { hosts, self: host });
  if (!result.ok) return problem(result.message);
  const verb = result.value.verb;
  if (socket !== undefined && HOST_EVENTS.has(verb)) {
    return problem(`'${verb}' acts on the whole host — write '${host}: ${verb}', without '.${socket}'`);
  }
  return { step: { kind: 'host', host, ...(socket === undefined ? {} : { socket }), action: result.value, ...base } };
}

function unknownKey(key: string, hosts: readonly string[]): string {
  const host = STEP_KEY_RE.exec(key)?.[1];
  if (host === undefined) return `'${key}' is not a step key — expected HOST, HOST.SOCKET, network, wait or label`;
  const near = closest(host, [...hosts, ...RESERVED_KEYS]);
  if (near === undefined) return `unknown host '${host}' — the hosts are ${listWords(hosts, 'and')}`;
  const isReserved = (RESERVED_KEYS as readonly string[]).includes(near);
  return `unknown ${isReserved ? 'key' : 'host'} '${isReserved ? key : host}' — did you mean '${near}'?`;
}
