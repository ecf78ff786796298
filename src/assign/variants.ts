/**
 * Variants of an exercise: entry 0 is the exercise as written; entry k > 0 rewrites its
 * scenario's values before the model runs — the service ports, the client's chosen ports, the
 * byte counts, and the seed behind ISNs and ephemeral ports — and the same numbers in the
 * prompts. The model then answers each variant itself. A variant the model cannot pose well
 * (a question with no answer, an answer not offered) falls back to plainer rewrites, and in the
 * end to the exercise as written, so every entry is a well-posed exercise.
 */
import type { HostVerb, Step } from '../model/index.ts';
import { solveExercise } from '../exercises/solve.ts';
import type { ChoiceQuestion, Exercise, Question } from '../exercises/types.ts';
import { hashText } from './hash.ts';

const SERVICE_PORTS = [80, 443, 8080, 8443, 5000, 6379, 5432, 3306, 9000, 7000, 8000, 2049, 1883, 25565, 4000, 9200];
const BYTE_FACTORS = [2, 3, 5, 4, 6];
const MAX_BYTES = 20_000;

/** A deterministic stream of 32-bit numbers from a string. */
function numbers(seedText: string): () => number {
  let state = parseInt(hashText(seedText).slice(0, 8), 16) || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

interface Rewrite {
  ports: Map<number, number>;
  bytes: number;
  seed: number | null;
}

const portOf = (a: HostVerb): number | null =>
  a.verb === 'listen' || a.verb === 'bind' || a.verb === 'connect' ? a.port : null;

function plan(exercise: Exercise, k: number, withBytes: boolean): Rewrite {
  const next = numbers(`${exercise.id}#${k}`);
  const service = new Set<number>();
  const chosen = new Set<number>();
  for (const s of exercise.scenario.steps) {
    if (s.kind === 'host') {
      const p = portOf(s.action);
      if (p !== null) service.add(p);
      if (s.action.verb === 'connect' && s.action.from !== undefined) chosen.add(s.action.from);
    } else if (s.kind === 'network' && s.action.verb === 'inject' && s.action.port !== undefined) {
      service.add(s.action.port);
    }
  }
  const reserved = reservedNumbers(exercise);
  const candidates = SERVICE_PORTS.filter((p) => !reserved.has(p));
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [candidates[i], candidates[j]] = [candidates[j] as number, candidates[i] as number];
  }
  const ports = new Map<number, number>();
  [...service].sort((a, b) => a - b).forEach((p, i) => ports.set(p, candidates[i % candidates.length] ?? p));
  for (const p of [...chosen].sort((a, b) => a - b)) ports.set(p, 33000 + (next() % 27000));
  const bytes = withBytes ? (BYTE_FACTORS[next() % BYTE_FACTORS.length] ?? 1) : 1;
  // Socket names made of an ephemeral port would change with the seed: keep the seed then.
  const names = [
    ...exercise.scenario.steps.flatMap((s) => (s.kind === 'host' && s.socket !== undefined ? [s.socket] : [])),
    ...exercise.questions.flatMap((q) => (q.ask !== 'goal' && q.socket !== undefined ? [q.socket] : [])),
  ];
  const ephemeral = names.some((n) => /^\d+$/.test(n) && !ports.has(Number(n)));
  return { ports, bytes, seed: ephemeral ? null : next() % 1_000_000 };
}

/** A whole number in prose or a step: not part of a decimal like 1.5 (a full stop after it is fine). */
const NUMBER = /(?<!\d|\d\.)\d+(?!\d|\.\d)/g;

/** Numbers the exercise's words already use: a new port must not be mistaken for one of them. */
function reservedNumbers(exercise: Exercise): Set<number> {
  const texts = [
    ...exercise.questions.flatMap((q) => [q.prompt.en, q.prompt['zh-CN']]),
    ...exercise.scenario.steps.map((s) => s.text),
  ];
  return new Set(texts.flatMap((t) => [...t.matchAll(NUMBER)].map((m) => Number(m[0]))));
}

const scaled = (n: number, r: Rewrite): number => (n >= 10 && n * r.bytes <= MAX_BYTES ? n * r.bytes : n);

/** Numbers in text that the rewrite changes: ports always, byte counts where they are large enough. */
function numberMap(exercise: Exercise, r: Rewrite): Map<string, string> | null {
  const map = new Map<string, string>();
  const put = (from: number, to: number): boolean => {
    if (from === to) return true;
    const seen = map.get(String(from));
    if (seen !== undefined && seen !== String(to)) return false;
    map.set(String(from), String(to));
    return true;
  };
  for (const [from, to] of r.ports) if (!put(from, to)) return null;
  for (const s of exercise.scenario.steps) {
    if (s.kind !== 'host') continue;
    const a = s.action;
    if (a.verb === 'send' || (a.verb === 'recv' && a.bytes !== undefined)) {
      const n = a.bytes ?? 0;
      if (!put(n, scaled(n, r))) return null;
    }
  }
  return map;
}

function rewriteText(text: string, map: ReadonlyMap<string, string>): string {
  return text.replace(NUMBER, (n) => map.get(n) ?? n);
}

function rewriteSocket(name: string | undefined, r: Rewrite): string | undefined {
  if (name === undefined) return undefined;
  return name.replace(/^(\d+)(?=#|$)/, (p) => String(r.ports.get(Number(p)) ?? p));
}

function rewriteAction(a: HostVerb, r: Rewrite): HostVerb {
  const port = (p: number) => r.ports.get(p) ?? p;
  switch (a.verb) {
    case 'listen':
    case 'bind':
      return { ...a, port: port(a.port) };
    case 'connect':
      return { ...a, port: port(a.port), ...(a.from === undefined ? {} : { from: port(a.from) }) };
    case 'send':
      return { ...a, bytes: scaled(a.bytes, r) };
    case 'recv':
      return a.bytes === undefined ? a : { ...a, bytes: scaled(a.bytes, r) };
    default:
      return a;
  }
}

function rewriteStep(s: Step, r: Rewrite, map: ReadonlyMap<string, string>): Step {
  const text = rewriteText(s.text, map);
  if (s.kind === 'host') {
    const socket = rewriteSocket(s.socket, r);
    return { ...s, text, action: rewriteAction(s.action, r), ...(socket === undefined ? {} : { socket }) };
  }
  if (s.kind === 'network' && s.action.verb === 'inject' && s.action.port !== undefined) {
    return { ...s, text, action: { ...s.action, port: r.ports.get(s.action.port) ?? s.action.port } };
  }
  return { ...s, text };
}

function rewriteQuestion(q: Question, r: Rewrite, map: ReadonlyMap<string, string>): Question {
  const prompt = { en: rewriteText(q.prompt.en, map), 'zh-CN': rewriteText(q.prompt['zh-CN'], map) };
  if (q.ask === 'goal') return { ...q, prompt };
  // `expect:` is the author's intent for the exercise as written; the model answers the variant.
  const rest: ChoiceQuestion = { ...q, prompt };
  delete rest.expect;
  const socket = rewriteSocket(q.socket, r);
  return { ...rest, ...(socket === undefined ? {} : { socket }) };
}

function apply(exercise: Exercise, r: Rewrite): Exercise | null {
  const map = numberMap(exercise, r);
  if (map === null) return null;
  const scenario = {
    ...exercise.scenario,
    steps: exercise.scenario.steps.map((s) => rewriteStep(s, r, map)),
    ...(r.seed === null ? {} : { seed: r.seed }),
  };
  delete scenario.expect;
  return { ...exercise, scenario, questions: exercise.questions.map((q) => rewriteQuestion(q, r, map)) };
}

const wellPosed = (e: Exercise): boolean => {
  const s = solveExercise(e);
  return s.trace !== null && s.problems.length === 0;
};

/** Entry k of the exercise's pool (k = 0: as written). */
export function variantOf(exercise: Exercise, k: number): Exercise {
  if (k === 0) return exercise;
  for (const withBytes of [true, false]) {
    const candidate = apply(exercise, plan(exercise, k, withBytes));
    if (candidate !== null && wellPosed(candidate)) return candidate;
  }
  return exercise;
}
