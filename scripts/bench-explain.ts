/**
 * Benchmark (not part of npm test): the explainer against tshark on one generated capture.
 *
 *   node scripts/bench-explain.ts [--packets N] [--connections N] [--runs N] [--keep FILE]
 *
 * Writes a pcap of 1,000,000 packets over 10,000 TCP connections (100 packets each, 100
 * open at a time, interleaved; frames cut to their headers as a snap length would, the IP
 * length telling the payload), then times, in alternation and `--runs` times each,
 * `npm run explain -- FILE --json` (its command from package.json, without npm's own start-up)
 * and `tshark -r FILE -q -z conv,tcp`, both with their
 * output thrown away. Reports the best time of each, the ratio, and the explainer's peak
 * memory (GNU time's maximum resident set size). DESIGN.md's budget: ratio < 1, < 300 MB.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? undefined : Number(process.argv[at + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const PACKETS = option('--packets', 1_000_000);
const CONNECTIONS = option('--connections', 10_000);
const RUNS = option('--runs', 3);
const PER = Math.floor(PACKETS / CONNECTIONS);
const OPEN = 100;
const keepAt = process.argv.indexOf('--keep');
const keep = keepAt === -1 ? undefined : process.argv[keepAt + 1];

/** Mulberry32, seeded: the same capture every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261101);

interface Seg {
  fromClient: boolean;
  flags: number;
  len: number;
}
const F = 1;
const S = 2;
const R = 4;
const P = 8;
const A = 16;

/**
 * One connection's segments: handshake, request/response rounds, and an ending chosen by
 * its number — 70 % both FINs, 10 % an abort by the server, 10 % a close with unread data,
 * 5 % data after the server's FIN, 5 % a server that lost the connection.
 */
function shape(i: number): Seg[] {
  const kind = i % 20;
  const request = 200 + Math.floor(rnd() * 400);
  const ending: Seg[] =
    kind < 14
      ? [
          { fromClient: true, flags: F | A, len: 0 },
          { fromClient: false, flags: A, len: 0 },
          { fromClient: false, flags: F | A, len: 0 },
          { fromClient: true, flags: A, len: 0 },
        ]
      : kind < 16
        ? [{ fromClient: false, flags: R | A, len: 0 }]
        : kind < 18
          ? [
              { fromClient: true, flags: P | A, len: request },
              { fromClient: false, flags: A, len: 0 },
              { fromClient: false, flags: R | A, len: 0 },
            ]
          : kind < 19
            ? [
                { fromClient: false, flags: F | A, len: 0 },
                { fromClient: true, flags: A, len: 0 },
                { fromClient: true, flags: P | A, len: request },
                { fromClient: false, flags: R, len: 0 },
              ]
            : [
                { fromClient: true, flags: P | A, len: request },
                { fromClient: false, flags: R, len: 0 },
              ];
  const segs: Seg[] = [
    { fromClient: true, flags: S, len: 0 },
    { fromClient: false, flags: S | A, len: 0 },
    { fromClient: true, flags: A, len: 0 },
  ];
  const round: Seg[] = [
    { fromClient: true, flags: P | A, len: request },
    { fromClient: false, flags: A, len: 1448 },
    { fromClient: false, flags: P | A, len: 1448 },
    { fromClient: true, flags: A, len: 0 },
  ];
  while (segs.length + round.length + ending.length <= PER) segs.push(...round);
  while (segs.length + ending.length < PER) segs.push({ fromClient: true, flags: A, len: 0 });
  return [...segs, ...ending];
}

interface Live {
  i: number;
  segs: Seg[];
  next: number;
  seq: [number, number];
}

const HEADERS = 14 + 20 + 20;
const RECORD = 16 + HEADERS;

function writeCapture(path: string): number {
  const fd = openSync(path, 'w');
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(HEADERS, 16);
  header.writeUInt32LE(1, 20);
  writeSync(fd, header);
  const batch = Buffer.alloc(RECORD * 4096);
  let inBatch = 0;
  let written = 0;
  let micros = 1_767_225_600 * 1e6;
  const live: Live[] = [];
  let started = 0;
  const start = () => {
    const i = started++;
    live.push({ i, segs: shape(i), next: 0, seq: [Math.floor(rnd() * 2 ** 32), Math.floor(rnd() * 2 ** 32)] });
  };
  while (started < Math.min(OPEN, CONNECTIONS)) start();
  for (let k = 0; live.length > 0; k++) {
    const slot = k % live.length;
    const conn = live[slot];
    if (conn === undefined) break;
    const seg = conn.segs[conn.next++];
    if (seg === undefined) continue;
    micros += 10 + Math.floor(rnd() * 5);
    const at = inBatch * RECORD;
    const b = batch;
    b.writeUInt32LE(Math.floor(micros / 1e6), at);
    b.writeUInt32LE(micros % 1e6, at + 4);
    b.writeUInt32LE(HEADERS, at + 8);
    b.writeUInt32LE(HEADERS + seg.len, at + 12);
    const f = at + 16;
    b.fill(0, f, f + HEADERS);
    b.writeUInt16BE(0x0800, f + 12);
    const ip = f + 14;
    b[ip] = 0x45;
    b.writeUInt16BE(40 + seg.len, ip + 2);
    b[ip + 8] = 64;
    b[ip + 9] = 6;
    const client = [10, 2 + (conn.i >> 16), (conn.i >> 8) & 0xff, conn.i & 0xff];
    const server = [10, 1, 0, 1];
    const [src, dst] = seg.fromClient ? [client, server] : [server, client];
    b.set(src, ip + 12);
    b.set(dst, ip + 16);
    const tcp = ip + 20;
    const cport = 10_000 + (conn.i % 50_000);
    b.writeUInt16BE(seg.fromClient ? cport : 80, tcp);
    b.writeUInt16BE(seg.fromClient ? 80 : cport, tcp + 2);
    const me = seg.fromClient ? 0 : 1;
    const them = seg.fromClient ? 1 : 0;
    b.writeUInt32BE(conn.seq[me] >>> 0, tcp + 4);
    b.writeUInt32BE(seg.flags & A ? conn.seq[them] >>> 0 : 0, tcp + 8);
    b[tcp + 12] = 5 << 4;
    b[tcp + 13] = seg.flags;
    b.writeUInt16BE(seg.flags & R ? 0 : 65535, tcp + 14);
    conn.seq[me] = (conn.seq[me] + seg.len + (seg.flags & (S | F) ? 1 : 0)) >>> 0;
    written++;
    if (++inBatch === 4096) {
      writeSync(fd, batch);
      inBatch = 0;
    }
    if (conn.next >= conn.segs.length) {
      live.splice(slot, 1);
      if (started < CONNECTIONS) start();
    }
  }
  writeSync(fd, batch.subarray(0, inBatch * RECORD));
  closeSync(fd);
  return written;
}

interface Timing {
  seconds: number;
  maxRssMb: number;
  ok: boolean;
}

/** Runs a command under GNU time with its output discarded: wall time and peak memory. */
function timed(command: string[]): Timing {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', ...command], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds = NaN, kb = NaN] = last.split(' ').map(Number);
  return { seconds, maxRssMb: kb / 1024, ok: result.status === 0 };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-explain-'));
const file = keep ?? join(dir, 'bench.pcap');
const t0 = performance.now();
const packets = writeCapture(file);
console.log(
  `capture: ${packets} packets, ${CONNECTIONS} connections, ${(statSync(file).size / 1048576).toFixed(1)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// The explainer runs exactly as `npm run explain` runs it (its Node flags included), minus npm itself.
const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts['explain'];
if (script?.startsWith('node ') !== true) throw new Error('package.json: the explain script should start with node');
const explain = [join(root, 'node_modules', '.bin', 'node'), ...script.split(/\s+/).slice(1), file, '--json'];
const tshark = ['tshark', '-r', file, '-q', '-z', 'conv,tcp'];
const runs: { explain: Timing; tshark: Timing }[] = [];
for (let k = 0; k < RUNS; k++) {
  const e = timed(explain);
  const t = timed(tshark);
  runs.push({ explain: e, tshark: t });
  console.log(
    `run ${k + 1}: explainer ${e.seconds.toFixed(2)} s (${e.maxRssMb.toFixed(0)} MB${e.ok ? '' : ', FAILED'}), tshark ${t.seconds.toFixed(2)} s (${t.maxRssMb.toFixed(0)} MB${t.ok ? '' : ', FAILED'})`,
  );
}
const best = (pick: (r: (typeof runs)[number]) => Timing) => Math.min(...runs.map((r) => pick(r).seconds));
const bestExplain = best((r) => r.explain);
const bestTshark = best((r) => r.tshark);
const peak = Math.max(...runs.map((r) => r.explain.maxRssMb));
const ratio = bestExplain / bestTshark;
console.log(
  `\nbest of ${RUNS}: explainer ${bestExplain.toFixed(2)} s, tshark ${bestTshark.toFixed(2)} s, ratio ${ratio.toFixed(2)}; explainer peak memory ${peak.toFixed(0)} MB`,
);
const pass = ratio < 1 && peak < 300 && runs.every((r) => r.explain.ok && r.tshark.ok);
console.log(pass ? 'within budget (ratio < 1, peak < 300 MB)' : 'OVER BUDGET');
if (keep === undefined) rmSync(dir, { recursive: true, force: true });
process.exitCode = pass ? 0 : 1;
