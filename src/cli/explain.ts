/**
 * npm run explain -- FILE [--json] [--lang en|zh-CN]
 *
 * Reads a capture (pcap, pcapng or tcpdump -n text) as a stream and explains every RST and
 * FIN of every TCP connection in it (DESIGN.md, Contract 4): a readable report by default,
 * JSON with --json. Output streams too: a connection is printed once it is explained.
 * Exit codes: 0 explained, 1 the capture cannot be read, 2 bad usage, 70 internal error.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Lang } from '../explain/words.ts';

const USAGE = 'usage: npm run explain -- FILE [--json] [--lang en|zh-CN]';
const HELP = `${USAGE}

Explains every RST and FIN in a capture with the TCP model's rules.

  FILE          a pcap or pcapng file, or the text of tcpdump -n / -nn (with or without -S, -tt, -v)
  --json        print the report as JSON
  --lang LANG   the report's language: en (default) or zh-CN
  -h, --help    show this help

Exit status: 0 explained, 1 the capture cannot be read (the message names the
file and the packet or line), 2 bad usage, 70 internal error.
`;

type Args =
  { kind: 'run'; file: string; json: boolean; lang: Lang } | { kind: 'help' } | { kind: 'usage'; message: string };

function parseArgs(args: readonly string[]): Args {
  let json = false;
  let lang: Lang = 'en';
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] ?? '';
    if (arg === '--') {
      files.push(...args.slice(k + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--json') json = true;
    else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? args[++k] : arg.slice('--lang='.length);
      if (value !== 'en' && value !== 'zh-CN')
        return { kind: 'usage', message: `--lang takes en or zh-CN, not '${value ?? ''}'` };
      lang = value;
    } else if (arg.startsWith('-') && arg !== '-') return { kind: 'usage', message: `unknown option '${arg}'` };
    else files.push(arg);
  }
  if (files.length !== 1) {
    return { kind: 'usage', message: files.length === 0 ? 'no capture FILE given' : 'expected one capture FILE' };
  }
  return { kind: 'run', file: files[0] ?? '', json, lang };
}

async function run(file: string, json: boolean, lang: Lang): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'cannot read it');
    process.stderr.write(`explain: ${file}: ${why}\n`);
    return 1;
  }
  const { Explainer } = await import('../explain/explain.ts');
  const { CaptureError } = await import('../explain/errors.ts');
  const text = await import('../explain/report-text.ts');
  let count = 0;
  const out: string[] = [];
  const write = (chunk: string) => {
    out.push(chunk);
    if (out.length >= 64) process.stdout.write(out.splice(0).join(''));
  };
  if (json) write(`{"file":${JSON.stringify(file)},"connections":[`);
  const explainer = new Explainer(file, {
    lang,
    collect: false,
    segments: false,
    onConnection: (c) => {
      if (json) write(`${count > 0 ? ',' : ''}\n${JSON.stringify(c)}`);
      else write(text.connectionText(c, lang));
      count++;
    },
  });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) explainer.feed(chunk as Buffer);
    const report = explainer.end();
    const rest = { ...report, connections: undefined };
    if (json) write(`\n],${JSON.stringify({ ...rest, file: undefined }).slice(1)}\n`);
    else {
      process.stdout.write(out.splice(0).join(''));
      process.stdout.write(text.headerText(rest, count, lang));
    }
    process.stdout.write(out.splice(0).join(''));
    return 0;
  } catch (error) {
    if (error instanceof CaptureError) {
      process.stdout.write(out.splice(0).join(''));
      process.stderr.write(`explain: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function main(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed.kind === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.kind === 'usage') {
    process.stderr.write(`explain: ${parsed.message}\n${USAGE} (--help for more)\n`);
    return 2;
  }
  return run(parsed.file, parsed.json, parsed.lang);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.exit(70);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `explain: internal error: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}\n`,
  );
  process.exitCode = 70;
}
