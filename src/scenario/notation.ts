/**
 * behaviour.md's segment notation, as `expect:` blocks use it:
 *
 *   segment := HOST ":" FLAGS                 c:S   s:S.   server:R.   c:FP.
 *   HOST    := a host's name, or its initial when no other host shares that initial
 *   FLAGS   := ["F"] ["S"] ["R"] ["P"] ["."]  at least one, in tcpdump's order:
 *              F FIN, S SYN, R RST, P PSH, . ACK
 *   wire    := segment { WHITESPACE segment } an empty wire means no segment at all
 *
 * A segment matches one on the wire when the sender is HOST and its flags are exactly
 * FLAGS (the model sets PSH exactly when a segment carries data, so `P.` is data+ACK).
 * Reading here is syntax only; `resolveHost` turns the written HOST into a host name.
 */
import { FLAG_ORDER, type Flag } from '../model/trace.ts';
import { closest, didYouMean, listWords } from './suggest.ts';

/** tcpdump's letter for each flag; FLAG_ORDER is also tcpdump's printing order. */
const LETTER: Record<Flag, string> = { FIN: 'F', SYN: 'S', RST: 'R', PSH: 'P', ACK: '.' };
const LETTERS = FLAG_ORDER.map((f) => LETTER[f]).join(' ');
const LEGEND = FLAG_ORDER.map((f) => `${LETTER[f]} ${f}`).join(', ');

const HOST_PART = '[a-z][a-z0-9-]*';
const FLAGS_PART = '(?=[FSRP.])F?S?R?P?\\.?';
const SEGMENT_PART = `${HOST_PART}:${FLAGS_PART}`;
/** One segment, for the JSON Schema (`never:` items). */
export const SEGMENT_PATTERN = `^${SEGMENT_PART}$`;
/** A whole wire, for the JSON Schema; the messages come from readWire. */
export const WIRE_PATTERN = `^\\s*(${SEGMENT_PART}(\\s+${SEGMENT_PART})*)?\\s*$`;

/** A segment as written: the token, the host as the author spelled it (name or initial) and its flags. */
export interface WrittenSegment {
  text: string;
  host: string;
  flags: Flag[];
}

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/** The flags in behaviour.md's notation: `S.`, `R`, `FP.`. */
export function flagNotation(flags: readonly Flag[]): string {
  return FLAG_ORDER.filter((f) => flags.includes(f))
    .map((f) => LETTER[f])
    .join('');
}

/** Reads one `HOST:FLAGS` token. */
export function readSegment(token: string): Read<WrittenSegment> {
  const colon = token.indexOf(':');
  if (colon === -1) {
    const letters = FLAG_ORDER.filter((f) => token.includes(LETTER[f]));
    const hint = /^[FSRP.]+$/.test(token)
      ? ` — which host sends it? e.g. c:${flagNotation(letters)}`
      : ', e.g. c:S or server:R.';
    return fail(`'${token}' is not a segment: write HOST:FLAGS${hint}`);
  }
  const host = token.slice(0, colon);
  const written = token.slice(colon + 1);
  if (host === '') return fail(`'${token}' names no host: write HOST:FLAGS, e.g. c:${written || 'S'}`);
  if (!new RegExp(`^${HOST_PART}$`).test(host)) {
    const lower = host.toLowerCase();
    const hint = new RegExp(`^${HOST_PART}$`).test(lower) ? ` — did you mean '${lower}:${written}'?` : '';
    return fail(`'${host}' in '${token}' is not a host name: lowercase letters, digits and -${hint}`);
  }
  const flags = readFlags(written, host);
  if (!flags.ok) return fail(`'${token}': ${flags.message}`);
  return { ok: true, value: { text: token, host, flags: flags.value } };
}

/** Reads a whitespace-separated wire; a problem names the segment's position and text. */
export function readWire(text: string): Read<WrittenSegment[]> {
  const tokens = text.trim() === '' ? [] : text.trim().split(/\s+/);
  const segments: WrittenSegment[] = [];
  for (const [i, token] of tokens.entries()) {
    if (token === '…' || token === '...') {
      return fail(`segment ${i + 1} is '${token}': a wire lists every segment — use wire-includes for a subsequence`);
    }
    const read = readSegment(token);
    if (!read.ok) return fail(`segment ${i + 1} ${read.message}`);
    segments.push(read.value);
  }
  return { ok: true, value: segments };
}

function readFlags(written: string, host: string): Read<Flag[]> {
  if (written === '') return fail(`no flags after ':' — flags are ${LEGEND}`);
  const bracketed = /^\[(.*)\]$/.exec(written)?.[1];
  if (bracketed !== undefined) {
    const inner = readFlags(bracketed, host);
    return inner.ok ? fail(`write the flags without brackets, e.g. '${host}:${bracketed}'`) : inner;
  }
  const named = flagsFromNames(written);
  if (named !== undefined) return fail(`write tcpdump's letters — did you mean '${host}:${flagNotation(named)}'?`);
  const flags = new Set<Flag>();
  for (const letter of written) {
    const flag = FLAG_ORDER.find((f) => LETTER[f] === letter.toUpperCase());
    if (flag === undefined) {
      const why = letter === 'A' || letter === 'a' ? ` (ACK is '.')` : '';
      return fail(`'${letter}' is not a flag letter${why} — flags are ${LEGEND}`);
    }
    if (flags.has(flag)) return fail(`flag '${LETTER[flag]}' is written twice`);
    flags.add(flag);
  }
  const canonical = flagNotation([...flags]);
  if (canonical !== written) {
    const why =
      canonical === written.toUpperCase() ? 'flag letters are capitals' : `flags go in tcpdump's order, ${LETTERS}`;
    return fail(`${why} — did you mean '${host}:${canonical}'?`);
  }
  return { ok: true, value: FLAG_ORDER.filter((f) => flags.has(f)) };
}

/** `SYN+ACK`, `fin,ack`, `RST`: flag names an author may write instead of letters. */
function flagsFromNames(written: string): Flag[] | undefined {
  const parts = written.split(/[+,|]/);
  if (!parts.every((p) => p.length >= 3)) return undefined;
  const flags = parts.map((p) => FLAG_ORDER.find((f) => f === p.toUpperCase()));
  return flags.every((f) => f !== undefined) ? flags : undefined;
}

/**
 * The host a written HOST means: a host's full name, else the one host with that initial.
 * An initial two hosts share is refused, naming both.
 */
export function resolveHost(written: string, hosts: readonly string[]): Read<string> {
  if (hosts.includes(written)) return { ok: true, value: written };
  const initials = written.length === 1 ? hosts.filter((h) => h.startsWith(written)) : [];
  const [only, second] = initials;
  if (only !== undefined && second === undefined) return { ok: true, value: only };
  if (only !== undefined) {
    return fail(`'${written}' is the initial of ${listWords(initials, 'and')} — write the host's full name`);
  }
  const near = closest(written, hosts);
  const known = `the hosts are ${listWords(hosts, 'and')}`;
  return fail(`unknown host '${written}'${near === undefined ? ` — ${known}` : didYouMean(written, hosts)}`);
}

/** How a host is shown in messages about a wire: its initial when no other host shares it, else its name. */
export function hostLabel(host: string, hosts: readonly string[]): string {
  const initial = host.slice(0, 1);
  return hosts.filter((h) => h.startsWith(initial)).length === 1 ? initial : host;
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
