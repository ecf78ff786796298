/** The socket calls and host events of Contract 1 ("listen 80", "connect server:80 from 40000"). */
import type { HostVerb, ShutdownHow } from '../model/scenario.ts';
import { didYouMean, listWords } from './suggest.ts';
import {
  Cursor,
  GrammarError,
  fail,
  readClauses,
  readDurationWord,
  readHost,
  readInt,
  readPort,
  readSocketName,
  type GrammarContext,
  type GrammarResult,
} from './tokens.ts';

/** Largest `send`/`recv` byte count: plenty for a lesson, small enough to simulate segment by segment. */
export const MAX_BYTES = 1_048_576;

/** Usage of each verb, also the list of verbs. */
export const HOST_VERB_USAGE = {
  bind: 'bind PORT [as NAME]',
  listen: 'listen PORT [backlog N] [as NAME]',
  connect: 'connect HOST:PORT [from PORT] [timeout D] [as NAME]',
  accept: 'accept [as NAME]',
  send: 'send N',
  recv: 'recv [N]',
  close: 'close',
  shutdown: 'shutdown write|read|both',
  abort: 'abort',
  linger: 'linger D',
  keepalive: 'keepalive IDLE INTERVAL COUNT',
  exit: 'exit',
  crash: 'crash',
  reboot: 'reboot',
  'power-off': 'power-off',
} as const;
export type HostVerbName = keyof typeof HOST_VERB_USAGE;
export const HOST_VERBS = Object.keys(HOST_VERB_USAGE) as HostVerbName[];

/** Verbs that act on the whole host, so `HOST.SOCKET:` makes no sense with them. */
export const HOST_EVENTS: ReadonlySet<HostVerbName> = new Set(['exit', 'crash', 'reboot', 'power-off']);

const SHUTDOWN_HOW: readonly ShutdownHow[] = ['write', 'read', 'both'];

type Verb<K extends HostVerb['verb']> = Extract<HostVerb, { verb: K }>;
type VerbReader = (cursor: Cursor, context: GrammarContext, usage: string) => HostVerb;

const READERS: Record<HostVerbName, VerbReader> = {
  bind(cursor, _context, usage) {
    const verb: Verb<'bind'> = { verb: 'bind', port: readPort(cursor.need('a port', usage)) };
    readClauses(
      cursor,
      {
        as: (w) => {
          verb.as = readSocketName(w);
        },
      },
      usage,
    );
    return verb;
  },
  listen(cursor, _context, usage) {
    const verb: Verb<'listen'> = { verb: 'listen', port: readPort(cursor.need('a port', usage)) };
    readClauses(
      cursor,
      {
        backlog: (w) => {
          verb.backlog = readInt(w, 'backlog', 0, 65535);
        },
        as: (w) => {
          verb.as = readSocketName(w);
        },
      },
      usage,
    );
    return verb;
  },
  connect(cursor, context, usage) {
    const target = cursor.need('HOST:PORT', usage);
    const colon = target.lastIndexOf(':');
    if (colon <= 0) fail(`expected HOST:PORT after 'connect', e.g. 'connect server:80', not '${target}'`);
    const host = readHost(target.slice(0, colon), context);
    if (host === context.self) fail(`'${host}' cannot connect to itself; name another host`);
    const verb: Verb<'connect'> = { verb: 'connect', host, port: readPort(target.slice(colon + 1)) };
    readClauses(
      cursor,
      {
        from: (w) => {
          verb.from = readPort(w);
        },
        timeout: (w) => {
          verb.timeout = readDurationWord(w, 'timeout', { positive: true });
        },
        as: (w) => {
          verb.as = readSocketName(w);
        },
      },
      usage,
    );
    return verb;
  },
  accept(cursor, _context, usage) {
    const verb: Verb<'accept'> = { verb: 'accept' };
    readClauses(
      cursor,
      {
        as: (w) => {
          verb.as = readSocketName(w);
        },
      },
      usage,
    );
    return verb;
  },
  send(cursor, _context, usage) {
    const bytes = readInt(cursor.need('a byte count', usage), 'byte count', 1, MAX_BYTES);
    cursor.end();
    return { verb: 'send', bytes };
  },
  recv(cursor) {
    const word = cursor.next();
    cursor.end();
    return word === undefined ? { verb: 'recv' } : { verb: 'recv', bytes: readInt(word, 'byte count', 1, MAX_BYTES) };
  },
  shutdown(cursor, _context, usage) {
    const how = cursor.need('write, read or both', usage);
    if (!(SHUTDOWN_HOW as readonly string[]).includes(how)) {
      fail(`'shutdown ${how}': expected ${listWords(SHUTDOWN_HOW)}${didYouMean(how, SHUTDOWN_HOW)}`);
    }
    cursor.end();
    return { verb: 'shutdown', how: how as ShutdownHow };
  },
  linger(cursor, _context, usage) {
    const timeout = readDurationWord(cursor.need('a duration', usage), 'linger');
    cursor.end();
    return { verb: 'linger', timeout };
  },
  keepalive(cursor, _context, usage) {
    const idle = readDurationWord(cursor.need('IDLE', usage), 'keepalive idle', { positive: true });
    const interval = readDurationWord(cursor.need('INTERVAL', usage), 'keepalive interval', { positive: true });
    const count = readInt(cursor.need('COUNT', usage), 'keepalive count', 1, 255);
    cursor.end();
    return { verb: 'keepalive', idle, interval, count };
  },
  close: bare('close'),
  abort: bare('abort'),
  exit: bare('exit'),
  crash: bare('crash'),
  reboot: bare('reboot'),
  'power-off': bare('power-off'),
};

function bare(verb: 'close' | 'abort' | 'exit' | 'crash' | 'reboot' | 'power-off'): VerbReader {
  return (cursor) => {
    if (!cursor.done()) fail(`unexpected '${cursor.rest()}' after '${verb}' — '${verb}' takes no arguments`);
    return { verb };
  };
}

/** Parses the text of a `HOST: …` step into a HostVerb. */
export function parseHostVerb(text: string, context: GrammarContext): GrammarResult<HostVerb> {
  const cursor = new Cursor(text);
  const name = cursor.next();
  if (name === undefined)
    return { ok: false, message: `expected a verb, e.g. 'connect server:80' (verbs: ${HOST_VERBS.join(', ')})` };
  if (!Object.hasOwn(READERS, name)) {
    const hint = didYouMean(name, HOST_VERBS);
    return {
      ok: false,
      message: `unknown verb '${name}'${hint === '' ? ` — expected one of ${HOST_VERBS.join(', ')}` : hint}`,
    };
  }
  const verbName = name as HostVerbName;
  try {
    return { ok: true, value: READERS[verbName](cursor, context, HOST_VERB_USAGE[verbName]) };
  } catch (error) {
    if (error instanceof GrammarError) return { ok: false, message: error.message };
    throw error;
  }
}
