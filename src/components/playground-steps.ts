/**
 * The playground's step builder, as text: a step line from who + verb + arguments, and the
 * scenario with that line added at the end of its `steps:` list. Pure, so it is tested
 * without a browser; whether the step makes sense is the parser's job, not the builder's.
 */
import { HOST_VERB_USAGE } from '../scenario/host-verbs.ts';
import { NETWORK_VERB_USAGE } from '../scenario/network-verbs.ts';

/** Step keys that are not hosts. */
export const NETWORK = 'network';
export const WAIT = 'wait';

/** Host verbs in the order a connection's life uses them; any the parser adds later go last. */
const HOST_ORDER = [
  'listen',
  'connect',
  'accept',
  'send',
  'recv',
  'close',
  'shutdown',
  'abort',
  'linger',
  'keepalive',
  'bind',
  'exit',
  'crash',
  'reboot',
  'power-off',
];

/** The verbs `who` may use, each with its usage line (`wait` has one pseudo-verb). */
export function verbsFor(who: string): { verb: string; usage: string }[] {
  if (who === WAIT) return [{ verb: WAIT, usage: 'wait: D' }];
  if (who === NETWORK) return Object.entries(NETWORK_VERB_USAGE).map(([verb, usage]) => ({ verb, usage }));
  const rank = (verb: string) => (HOST_ORDER.includes(verb) ? HOST_ORDER.indexOf(verb) : HOST_ORDER.length);
  return Object.entries(HOST_VERB_USAGE)
    .map(([verb, usage]) => ({ verb, usage }))
    .sort((a, b) => rank(a.verb) - rank(b.verb));
}

/** A first guess for the arguments, so "Add step" gives a valid step for the common cases. */
export function exampleArgs(verb: string, hosts: readonly string[], self: string): string {
  const other = hosts.find((h) => h !== self) ?? 'server';
  const [a = 'client', b = 'server'] = hosts;
  const examples: Record<string, string> = {
    bind: '5000',
    listen: '5000',
    connect: `${other}:5000`,
    send: '100',
    shutdown: 'write',
    linger: '0s',
    keepalive: '10s 5s 3',
    partition: '',
    drop: `next ${a}->${b}`,
    delay: '100ms',
    inject: `${a}->${b} RST seq in-window`,
    wait: '1s',
  };
  return examples[verb] ?? '';
}

/** `client: send 100`, `network: delay 100ms`, `wait: 1s`; quoted when YAML would misread it. */
export function stepText(who: string, verb: string, args: string): string {
  const words = args
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const value = (who === WAIT ? words : [verb, ...words]).join(' ');
  const plain = value !== '' && !/(^[-?:,[\]{}#&*!|>'"%@`])|(:\s)|(\s#)|(:$)/.test(value);
  return `${who}: ${plain ? value : JSON.stringify(value)}`;
}

/**
 * Adds `- STEP` after the last item of the block `steps:` list (or a new `steps:` at the
 * end when there is none). Returns the new text and the 1-based line of the added step, or
 * null when `steps:` is written in flow style (`steps: [...]`), where a line cannot be added.
 */
export function appendStep(text: string, step: string): { text: string; line: number } | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  const keyAt = lines.findIndex((l) => /^\s*steps\s*:/.test(l));
  if (keyAt === -1) {
    lines.push('steps:', `  - ${step}`);
    return { text: `${lines.join('\n')}\n`, line: lines.length };
  }
  const keyLine = lines[keyAt] ?? '';
  if (!/^\s*steps\s*:\s*(#.*)?$/.test(keyLine)) return null;
  const keyIndent = indentOf(keyLine);
  let last = keyAt;
  let itemIndent: number | null = null;
  for (let i = keyAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indent = indentOf(line);
    const isItem = line.trimStart().startsWith('-');
    if (indent < keyIndent || (indent === keyIndent && !isItem)) break;
    if (itemIndent === null && isItem) itemIndent = indent;
    last = i;
  }
  lines.splice(last + 1, 0, `${' '.repeat(itemIndent ?? keyIndent + 2)}- ${step}`);
  return { text: `${lines.join('\n')}\n`, line: last + 2 };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
