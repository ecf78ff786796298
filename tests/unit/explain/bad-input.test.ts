/**
 * Captures that are damaged, truncated or not captures at all: each gets a message naming
 * the file and the packet (or line), a partial report where the damage allows one, and
 * never an exception other than CaptureError.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaptureError } from '../../../src/explain/errors.ts';
import { captureText, explainBytes } from './helpers.ts';
import { ethernet, framed, pcap, pcapng, unreadDataConversation } from './frames.ts';

const good = pcap(framed(unreadDataConversation(), (ip) => ethernet(ip)));
const goodNg = pcapng(framed(unreadDataConversation(), (ip) => ethernet(ip)));

function failure(bytes: Uint8Array, file = 'bad.pcap'): CaptureError {
  try {
    explainBytes(bytes, file);
  } catch (error) {
    if (error instanceof CaptureError) return error;
    throw error;
  }
  throw new Error('expected a CaptureError');
}

function patch32(bytes: Uint8Array, at: number, value: number, little = true): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(at, value, little);
  return copy;
}

/** Offset of record `k` (0-based) in a classic pcap. */
function recordAt(bytes: Uint8Array, k: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  let at = 24;
  for (let i = 0; i < k; i++) at += 16 + view.getUint32(at + 8, true);
  return at;
}

/** Offset of block `k` (0-based) in a pcapng. */
function blockAt(bytes: Uint8Array, k: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  let at = 0;
  for (let i = 0; i < k; i++) at += view.getUint32(at + 4, true);
  return at;
}

describe('files that are not captures', () => {
  it('a 0-byte file', () => {
    expect(failure(new Uint8Array(0), 'empty.pcap').message).toBe('empty.pcap: the file is empty (0 bytes)');
  });

  it('bad magic: binary data that no capture starts with', () => {
    const e = failure(Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3), 'x.bin');
    expect(e.message).toMatch(/^x\.bin: not a pcap, pcapng or tcpdump text file: it starts with the bytes de ad be ef/);
  });

  it('garbage text: names the first line it cannot read', () => {
    const e = failure(new TextEncoder().encode('hello\nworld\n'), 'notes.txt');
    expect(e.message).toMatch(/^notes\.txt: line 1: not a pcap, pcapng or tcpdump text file: cannot read “hello”/);
  });

  it('a text line tcpdump -n cannot have produced: a port name it does not know', () => {
    const line = '1.0 IP 10.0.0.1.frobnicate > 10.0.0.2.80: Flags [S], seq 1, win 1, length 0\n';
    expect(failure(new TextEncoder().encode(line), 't.txt').message).toMatch(/^t\.txt: line 1: port 'frobnicate'.*-nn/);
  });

  it('text with a few stray lines: warnings that name each line, the rest explained', () => {
    const text = new TextDecoder().decode(captureText('x_close_with_unread_data')).replace('\n', '\nsomething else\n');
    const report = explainBytes(new TextEncoder().encode(text));
    expect(report.warnings[0]).toMatchObject({ line: 2 });
    expect(report.connections[0]?.resets[0]?.reason).toBe('close-unread-data');
  });
});

describe('damaged pcap', () => {
  it('cut inside the file header', () => {
    expect(failure(good.subarray(0, 10)).message).toBe('bad.pcap: pcap: the file ends inside its 24-byte header');
  });

  it('cut inside a record: what came before is explained, a warning names the packet', () => {
    const cut = good.subarray(0, recordAt(good, 5) + 20);
    const report = explainBytes(cut);
    expect(report.tcp).toBe(5);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]?.packet).toBe(6);
    expect(report.warnings[0]?.message).toMatch(/cut short/);
  });

  it('a zero snap length: a warning, and the records are still read', () => {
    const report = explainBytes(patch32(good, 16, 0));
    expect(report.warnings[0]?.message).toMatch(/snap length of 0/);
    expect(report.tcp).toBe(6);
  });

  it('a huge snap length: a warning, and the records are still read', () => {
    const report = explainBytes(patch32(good, 16, 0xffffffff));
    expect(report.warnings[0]?.message).toMatch(/snap length of 4294967295/);
    expect(report.tcp).toBe(6);
  });

  it('a huge record length: an error naming the packet, without waiting for bytes that never come', () => {
    const e = failure(patch32(good, recordAt(good, 3) + 8, 0x7fffffff));
    expect(e.message).toMatch(/^bad\.pcap: packet 4: record length 2147483647 bytes is larger than any packet/);
    expect(e.packet).toBe(4);
  });

  it('a zero record length: the record is counted as empty and skipped', () => {
    const at = recordAt(good, 2);
    const length = new DataView(good.buffer).getUint32(at + 8, true);
    const copy = new Uint8Array([...good.subarray(0, at), ...new Uint8Array(16), ...good.subarray(at + 16 + length)]);
    const report = explainBytes(copy);
    expect(report.skipped['empty-record']).toBe(1);
    expect(report.tcp).toBe(5);
  });

  it('a link type the reader does not decode', () => {
    expect(failure(patch32(good, 20, 105)).message).toMatch(/link type 105 is not one this reader decodes/);
  });
});

describe('damaged pcapng', () => {
  it('a block length that is not a multiple of 4', () => {
    const e = failure(patch32(goodNg, blockAt(goodNg, 3) + 4, 30), 'x.pcapng');
    expect(e.message).toMatch(
      /^x\.pcapng: packet 2: pcapng: block at byte \d+ gives its length as 30, which is not a multiple of 4/,
    );
  });

  it('a block length shorter than a block header', () => {
    expect(failure(patch32(goodNg, blockAt(goodNg, 2) + 4, 8)).message).toMatch(/shorter than a block header/);
  });

  it('length fields that disagree', () => {
    const at = blockAt(goodNg, 2);
    const length = new DataView(goodNg.buffer).getUint32(at + 4, true);
    expect(failure(patch32(goodNg, at + length - 4, length + 4)).message).toMatch(
      /packet 1: .*two length fields disagree/,
    );
  });

  it('a captured length larger than its block', () => {
    expect(failure(patch32(goodNg, blockAt(goodNg, 2) + 20, 500)).message).toMatch(/captured length 500 does not fit/);
  });

  it('a packet for an interface nobody described', () => {
    expect(failure(patch32(goodNg, blockAt(goodNg, 2) + 8, 7)).message).toMatch(/names interface 7/);
  });

  it('cut inside a block: what came before is explained, a warning names the packet', () => {
    const report = explainBytes(goodNg.subarray(0, blockAt(goodNg, 4) + 10));
    expect(report.tcp).toBe(2);
    expect(report.warnings[0]).toMatchObject({ packet: 3 });
  });

  it('a first block that is not a section header', () => {
    expect(failure(goodNg.subarray(blockAt(goodNg, 1))).message).toMatch(
      /not a pcap, pcapng|does not start with a Section Header/,
    );
  });
});

const CLI = fileURLToPath(new URL('../../../src/cli/explain.ts', import.meta.url));

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

describe('the command line with bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'explain-bad-'));
  const files: [string, Uint8Array, RegExp][] = [
    ['empty.pcap', new Uint8Array(0), /empty\.pcap: the file is empty/],
    ['magic.pcap', Uint8Array.of(1, 2, 3, 4, 0, 0, 0, 0), /magic\.pcap: not a pcap/],
    ['huge.pcap', patch32(good, recordAt(good, 1) + 8, 0xfffffff0), /huge\.pcap: packet 2: record length/],
    ['odd.pcapng', patch32(goodNg, blockAt(goodNg, 2) + 4, 31), /odd\.pcapng: packet 1: pcapng: block at byte/],
    ['garbage.txt', new TextEncoder().encode('¯\\_(ツ)_/¯\n'), /garbage\.txt: line 1: not a pcap/],
  ];
  for (const [name, bytes, message] of files) {
    it.concurrent(
      `${name}: one line on stderr, exit status 1, no stack trace`,
      async () => {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        const result = await run([path]);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(message);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      },
      60_000,
    );
  }

  it.concurrent(
    'a missing file',
    async () => {
      const result = await run([join(dir, 'nope.pcap')]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/nope\.pcap: no such file/);
    },
    60_000,
  );

  it.concurrent(
    'a truncated pcap: the report, and the warning naming the packet',
    async () => {
      const path = join(dir, 'cut.pcap');
      writeFileSync(path, good.subarray(0, recordAt(good, 5) + 20));
      const result = await run([path]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/warning: packet 6: the file ends inside this record/);
    },
    60_000,
  );
});
