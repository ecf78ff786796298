/** The `network: …` steps of Contract 1: partition, heal, drop next, delay, inject. */
import type { InjectSeq, NetworkVerb } from '../model/scenario.ts';
import { didYouMean, listWords } from './suggest.ts';
import {
  Cursor,
  GrammarError,
  fail,
  readClauses,
  readDirection,
  readDurationWord,
  readFlags,
  readHost,
  readInt,
  readPort,
  type GrammarContext,
  type GrammarResult,
} from './tokens.ts';

export const NETWORK_VERB_USAGE = {
  partition: 'partition [A B]',
  heal: 'heal [A B]',
  drop: 'drop next FROM->TO [FLAGS|data]',
  delay: 'delay D',
  inject: 'inject FROM->TO[:PORT] FLAGS [seq exact|in-window|out-of-window] [len N]',
} as const;
export type NetworkVerbName = keyof typeof NETWORK_VERB_USAGE;
export const NETWORK_VERBS = Object.keys(NETWORK_VERB_USAGE) as NetworkVerbName[];

const INJECT_SEQ: readonly InjectSeq[] = ['exact', 'in-window', 'out-of-window'];

type Reader = (cursor: Cursor, context: GrammarContext, usage: string) => NetworkVerb;

const READERS: Record<NetworkVerbName, Reader> = {
  partition: (cursor, context) => ({ verb: 'partition', ...readBetween(cursor, context, 'partition') }),
  heal: (cursor, context) => ({ verb: 'heal', ...readBetween(cursor, context, 'heal') }),
  drop(cursor, context, usage) {
    const next = cursor.need("'next'", usage);
    if (next !== 'next') fail(`expected 'drop next FROM->TO', not 'drop ${next}'`);
    const verb: Extract<NetworkVerb, { verb: 'drop-next' }> = {
      verb: 'drop-next',
      ...readDirection(cursor.need('FROM->TO', usage), context, usage),
    };
    const which = cursor.next();
    if (which === 'data') verb.data = true;
    else if (which !== undefined) verb.flags = readFlags(which);
    cursor.end();
    return verb;
  },
  delay(cursor, _context, usage) {
    const delay = readDurationWord(cursor.need('a duration', usage), 'delay');
    cursor.end();
    return { verb: 'delay', delay };
  },
  inject(cursor, context, usage) {
    const target = cursor.need('FROM->TO', usage);
    const colon = target.indexOf(':');
    const direction = readDirection(colon < 0 ? target : target.slice(0, colon), context, usage);
    const verb: Extract<NetworkVerb, { verb: 'inject' }> = {
      verb: 'inject',
      ...direction,
      flags: readFlags(cursor.need('FLAGS such as RST', usage)),
      seq: 'exact',
    };
    if (colon >= 0) verb.port = readPort(target.slice(colon + 1));
    readClauses(
      cursor,
      {
        seq: (w) => {
          if (!(INJECT_SEQ as readonly string[]).includes(w)) {
            fail(`'seq ${w}': expected ${listWords(INJECT_SEQ)}${didYouMean(w, INJECT_SEQ)}`);
          }
          verb.seq = w as InjectSeq;
        },
        len: (w) => {
          verb.len = readInt(w, 'len', 0, 65535);
        },
      },
      usage,
    );
    return verb;
  },
};

/** No hosts (everyone) or exactly two different declared hosts. */
function readBetween(cursor: Cursor, context: GrammarContext, verb: string): { between?: [string, string] } {
  if (cursor.done()) return {};
  const a = readHost(cursor.next() ?? '', context);
  const word = cursor.next();
  if (word === undefined) fail(`'${verb}' takes two hosts or none, e.g. '${verb} client server'`);
  const b = readHost(word, context);
  if (a === b) fail(`'${verb} ${a} ${b}' names the same host twice`);
  cursor.end();
  return { between: [a, b] };
}

/** Parses the text of a `network: …` step into a NetworkVerb. */
export function parseNetworkVerb(text: string, context: GrammarContext): GrammarResult<NetworkVerb> {
  const cursor = new Cursor(text);
  const name = cursor.next();
  if (name === undefined) return { ok: false, message: `expected a network action (${NETWORK_VERBS.join(', ')})` };
  if (!Object.hasOwn(READERS, name)) {
    const hint = didYouMean(name, NETWORK_VERBS);
    return {
      ok: false,
      message: `unknown network action '${name}'${hint === '' ? ` — expected one of ${NETWORK_VERBS.join(', ')}` : hint}`,
    };
  }
  const verbName = name as NetworkVerbName;
  try {
    return { ok: true, value: READERS[verbName](cursor, context, NETWORK_VERB_USAGE[verbName]) };
  } catch (error) {
    if (error instanceof GrammarError) return { ok: false, message: error.message };
    throw error;
  }
}
