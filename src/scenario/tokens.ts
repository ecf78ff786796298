/** Reading the words of a step ("connect server:80 timeout 3s"): numbers, ports, hosts, flags. */
import { FLAG_ORDER, type Flag } from '../model/trace.ts';
import { readDuration } from './duration.ts';
import { didYouMean, listWords } from './suggest.ts';

/** Thrown inside the grammar only; parseHostVerb/parseNetworkVerb turn it into a result. */
export class GrammarError extends Error {}

export function fail(message: string): never {
  throw new GrammarError(message);
}

/** A step's words as a typed verb, or what is wrong with them. */
export type GrammarResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** What a step's words may refer to. */
export interface GrammarContext {
  hosts: readonly string[];
  /** The host the step addresses (not for network steps). */
  self?: string;
}

/** The words of one step, read left to right. */
export class Cursor {
  readonly words: readonly string[];
  index = 0;

  constructor(text: string) {
    this.words = text
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
  }

  next(): string | undefined {
    const word = this.words[this.index];
    if (word !== undefined) this.index++;
    return word;
  }

  /** The next word, or an error saying what was needed there. */
  need(what: string, usage: string): string {
    const word = this.next();
    if (word === undefined) fail(`expected ${what} after '${this.consumed()}' (usage: ${usage})`);
    return word;
  }

  done(): boolean {
    return this.index >= this.words.length;
  }

  /** The words read so far, for messages. */
  consumed(): string {
    return this.words.slice(0, this.index).join(' ');
  }

  rest(): string {
    return this.words.slice(this.index).join(' ');
  }

  /** Nothing may follow a complete verb. */
  end(): void {
    if (!this.done()) fail(`unexpected '${this.rest()}' after '${this.consumed()}'`);
  }
}

/** Reads `[keyword value]…` clauses in any order, each at most once. */
export function readClauses(cursor: Cursor, clauses: Record<string, (word: string) => void>, usage: string): void {
  const names = Object.keys(clauses);
  const seen = new Set<string>();
  while (!cursor.done()) {
    const before = cursor.consumed();
    const keyword = cursor.next() ?? '';
    const clause = clauses[keyword];
    if (clause === undefined) {
      const hint = didYouMean(keyword, names);
      fail(
        `unexpected '${keyword}' after '${before}'${hint === '' ? ` — expected ${listWords(names)} (usage: ${usage})` : hint}`,
      );
    }
    if (seen.has(keyword)) fail(`'${keyword}' is given twice`);
    seen.add(keyword);
    clause(cursor.need(`a value for '${keyword}'`, usage));
  }
}

/** A whole number in [min, max]; `what` names it in messages ("port", "byte count"). */
export function readInt(word: string, what: string, min: number, max: number): number {
  if (!/^-?[0-9]+$/.test(word)) {
    fail(`${what} '${word}' is not ${/^-?[0-9]*\.[0-9]+$/.test(word) ? 'a whole number' : 'a number'}`);
  }
  const value = Number(word);
  if (value < 0 && min >= 0) fail(`${what} '${word}' must not be negative`);
  if (value < min || value > max) fail(`${what} ${word} is out of range (${min}–${max})`);
  return value;
}

export function readPort(word: string): number {
  return readInt(word, 'port', 1, 65535);
}

export function readDurationWord(word: string, what: string, options: { positive?: boolean } = {}): number {
  const result = readDuration(word);
  if (!result.ok) fail(`${what}: ${result.message}`);
  if (options.positive === true && result.micros === 0) fail(`${what} must be longer than 0`);
  return result.micros;
}

/** A declared host. */
export function readHost(word: string, context: GrammarContext): string {
  if (context.hosts.includes(word)) return word;
  const hint = didYouMean(word, context.hosts);
  fail(`unknown host '${word}'${hint === '' ? ` — the hosts are ${listWords(context.hosts, 'and')}` : hint}`);
}

/** `FROM->TO`, two different declared hosts. */
export function readDirection(word: string, context: GrammarContext, usage: string): { from: string; to: string } {
  const arrow = word.indexOf('->');
  if (arrow <= 0 || arrow + 2 >= word.length)
    fail(`expected FROM->TO, e.g. 'client->server', not '${word}' (usage: ${usage})`);
  const from = readHost(word.slice(0, arrow), context);
  const to = readHost(word.slice(arrow + 2), context);
  if (from === to) fail(`'${word}' goes from a host to itself; name two different hosts`);
  return { from, to };
}

/** Flag names joined by `+`, `,` or `-` (`SYN+ACK`, `syn,ack`, `SYN-ACK`), in header-bit order. */
export function readFlags(word: string): Flag[] {
  const parts = word.split(/[+,-]/);
  const flags = new Set<Flag>();
  for (const part of parts) {
    const name = part.toUpperCase();
    if (name === '') fail(`'${word}' is not a list of flags — join flag names with '+', e.g. 'SYN+ACK'`);
    if (!(FLAG_ORDER as readonly string[]).includes(name)) {
      fail(`unknown flag '${part}'${didYouMean(name, FLAG_ORDER)} (flags: ${FLAG_ORDER.join(', ')})`);
    }
    const flag = name as Flag;
    if (flags.has(flag)) fail(`flag '${flag}' is given twice in '${word}'`);
    flags.add(flag);
  }
  return FLAG_ORDER.filter((flag) => flags.has(flag));
}

/** Names given with `as`: a letter or `_` first, so they never look like "80" or "80#2". */
export const SOCKET_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_-]*$';
const SOCKET_NAME_RE = new RegExp(SOCKET_NAME_PATTERN);

export function readSocketName(word: string): string {
  if (!SOCKET_NAME_RE.test(word)) {
    fail(`socket name '${word}' must start with a letter or '_' and hold only letters, digits, '_' and '-'`);
  }
  return word;
}
